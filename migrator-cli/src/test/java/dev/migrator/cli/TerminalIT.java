package dev.migrator.cli;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Terminal manners: plain lines without a terminal (CI logs, pipes), colour and a progress bar
 * on one, NO_COLOR honoured, --quiet and --verbose.
 */
class TerminalIT {

	private static final String ESCAPE = "\u001b[";

	@TempDir
	Path directory;

	@Test
	void withoutATerminalTheOutputIsPlainLinesAndTheEngineLogIsSilent() {
		Project project = Project.withThreeMigrations(this.directory);

		CliRun.Result migrate = project.cli().run("migrate");

		assertThat(migrate.exitCode()).as(migrate.toString()).isZero();
		assertThat(migrate.stdout()).doesNotContain(ESCAPE).doesNotContain("\r").doesNotContain("✓");
		assertThat(migrate.stderr()).isEmpty();
	}

	@Test
	void colourCanBeAskedForWithoutATerminal() {
		Project project = Project.withThreeMigrations(this.directory).migratedTo("001");

		CliRun.Result status = project.cli().run("status", "--color=always");

		assertThat(status.stdout()).contains(ESCAPE + "1mOverview").contains(ESCAPE + "33m2 pending" + ESCAPE + "0m");
	}

	@Test
	void onATerminalThereIsColourAndAProgressBarUnlessNoColor() {
		assumeThat(Files.isExecutable(Path.of("/usr/bin/script"))).as("util-linux script gives the child a terminal").isTrue();
		Project project = Project.withThreeMigrations(this.directory);

		CliRun.Result migrate = project.cli().onTerminal().run("migrate", "--target", "002");
		CliRun.Result noColour = project.cli().onTerminal().env("NO_COLOR", "1").run("migrate");

		assertThat(migrate.exitCode()).as(migrate.toString()).isZero();
		assertThat(migrate.stdout()).contains(ESCAPE + "32m✓ applied").contains("\r  [").contains("] 0/2  001 create tasks ...");
		assertThat(noColour.exitCode()).as(noColour.toString()).isZero();
		assertThat(noColour.stdout()).contains("✓ applied  003 add audit").doesNotContain(ESCAPE + "32m").doesNotContain(ESCAPE + "1m");
	}

	@Test
	void quietPrintsNothingOnSuccessAndVerboseShowsTheEngineLog() {
		Project project = Project.withThreeMigrations(this.directory);

		CliRun.Result quiet = project.cli().run("migrate", "--target", "001", "--quiet");
		CliRun.Result verbose = project.cli().run("migrate", "-v");

		assertThat(quiet.exitCode()).as(quiet.toString()).isZero();
		assertThat(quiet.output()).isEmpty();
		assertThat(verbose.exitCode()).as(verbose.toString()).isZero();
		assertThat(verbose.stdout()).contains("Migrated from version 001 to 003");
		assertThat(verbose.stderr()).containsPattern("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} \\[INFO\\] .*Applied migration 002");
	}

}
