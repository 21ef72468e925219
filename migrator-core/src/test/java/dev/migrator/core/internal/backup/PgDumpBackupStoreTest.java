package dev.migrator.core.internal.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.migrator.core.api.Configuration;

/** How the pg_dump store finds its tool and its server, without a server. */
class PgDumpBackupStoreTest {

	@TempDir
	Path dir;

	@Test
	void theHostAndPortComeFromTheJdbcUrl() {
		assertThat(PgDumpBackupStore.hostAndPort("jdbc:postgresql://db.example:6432/app?sslmode=require"))
			.containsExactly("db.example", "6432");
		assertThat(PgDumpBackupStore.hostAndPort("jdbc:postgresql://db.example/app")).containsExactly("db.example", "5432");
		assertThat(PgDumpBackupStore.hostAndPort("jdbc:postgresql://a:1,b:2/app")).containsExactly("a", "1");
		assertThat(PgDumpBackupStore.hostAndPort("jdbc:postgresql://[::1]:5433/app")).containsExactly("::1", "5433");
		assertThat(PgDumpBackupStore.hostAndPort("jdbc:postgresql://[::1]/app")).containsExactly("::1", "5432");
		assertThat(PgDumpBackupStore.hostAndPort("jdbc:postgresql:app")).containsExactly("localhost", "5432");
		assertThat(PgDumpBackupStore.hostAndPort("jdbc:postgresql:///app")).containsExactly("localhost", "5432");
	}

	@Test
	void urlParametersAreDecoded() {
		assertThat(PgDumpBackupStore.parameters("jdbc:postgresql://h/app?password=p%26w&sslmode=verify-full&flag"))
			.containsEntry("password", "p&w")
			.containsEntry("sslmode", "verify-full")
			.doesNotContainKey("flag");
		assertThat(PgDumpBackupStore.parameters("jdbc:postgresql://h/app")).isEmpty();
	}

	@Test
	void theTargetNeverShowsItsPassword() {
		PgDumpBackupStore.Target target = new PgDumpBackupStore.Target("h", "5432", "app", "u", "s3cret", "tenant", null);

		assertThat(target.toString()).doesNotContain("s3cret").isEqualTo("Target[u@h:5432/app, schema tenant]");
	}

	@Test
	void backupsOfServerDatabasesGoToOneFolderPerServerByDefaultNeverTheWorkingDirectory() {
		PgDumpBackupStore.Target target = new PgDumpBackupStore.Target("DB.example", "6432", "app", "u", null, null, null);
		String home = System.getProperty("user.home");

		assertThat(PgDumpBackupStore.settings(Configuration.Backup.DEFAULTS, target).directory())
			.isEqualTo(ServerBackupFolder.resolve(null, "DB.example", 6432))
			.isNotEqualTo(Path.of("backups").toAbsolutePath());
		assertThat(ServerBackupFolder.defaultFolder(null, home, "DB.example", 6432))
			.isEqualTo(Path.of(home, ".local/state/migrator/backups/db.example-6432"));
		assertThat(ServerBackupFolder.defaultFolder("/var/state", home, "::1", 5432))
			.isEqualTo(Path.of("/var/state/migrator/backups/__1-5432"));
		// a relative XDG_STATE_HOME is invalid by the spec: ignored rather than resolved against the working directory
		assertThat(ServerBackupFolder.defaultFolder("state", home, "h", 1)).isEqualTo(Path.of(home, ".local/state/migrator/backups/h-1"));
		assertThat(PgDumpBackupStore.settings(Configuration.Backup.DEFAULTS.withDirectory(this.dir), target).directory())
			.isEqualTo(this.dir.toAbsolutePath());
		assertThat(PgDumpBackupStore.settings(Configuration.Backup.DEFAULTS.withRetention(3, Duration.ofDays(1)), target))
			.satisfies((s) -> assertThat(s.retentionCount()).isEqualTo(3));
	}

	@Test
	void theDumpToolIsTheFirstExecutableOnThePathAndItsSiblingsSitBesideIt() throws Exception {
		Path first = Files.createDirectories(this.dir.resolve("first"));
		Path second = Files.createDirectories(this.dir.resolve("second"));
		Files.writeString(first.resolve("pg_dump"), "not executable");
		Path tool = executable(second.resolve("pg_dump"));
		Path restore = executable(second.resolve("pg_restore"));
		String path = String.join(File.pathSeparator, "", first.toString(), second.toString());

		assertThat(DumpTool.find(null, "pg_dump", path)).hasValueSatisfying((found) -> {
			assertThat(found.executable()).isEqualTo(tool);
			assertThat(found.sibling("pg_restore")).contains(restore);
			assertThat(found.sibling("psql")).isEmpty();
		});
		assertThat(DumpTool.find(null, "pg_dump", first.toString())).isEmpty();
		assertThat(DumpTool.find(null, "pg_dump", null)).isEmpty();
		assertThat(DumpTool.find(tool, "pg_dump", null)).contains(new DumpTool(tool));
	}

	private static Path executable(Path file) throws Exception {
		Files.writeString(file, "#!/bin/sh\n");
		Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
		return file;
	}

	@Test
	void aMissingPgRestoreOrPsqlNamesThePackageThatProvidesIt() throws Exception {
		Path bin = Files.createDirectories(this.dir.resolve("bin"));
		Path dump = Files.writeString(bin.resolve("pg_dump"), "#!/bin/sh\n");
		Files.setPosixFilePermissions(dump, PosixFilePermissions.fromString("rwx------"));
		PgDumpBackupStore.Target target = new PgDumpBackupStore.Target("localhost", "5432", "app", "app", null, null, null);

		assertThatThrownBy(() -> PgRestore.find(new DumpTool(dump), target, ""))
			.hasMessageContaining("pg_restore was not found beside " + dump + " or on the PATH")
			.hasMessageContaining("apt-get install postgresql-client")
			.hasMessageContaining("The database was not touched");
		Files.copy(dump, bin.resolve("pg_restore"));
		assertThatThrownBy(() -> PgRestore.find(new DumpTool(dump), target, ""))
			.hasMessageContaining("psql was not found");
	}

}
