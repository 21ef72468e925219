package dev.migrator.core.api;

import java.util.List;

/**
 * The state of every migration, in version order, with the current version and any validation
 * problems (which {@code validate()} and {@code migrate()} would refuse on), and the file convention
 * the migrations are written in ({@code migrator}, {@code Flyway}, {@code golang-migrate}, {@code diesel},
 * {@code dbmate}, {@code goose}, {@code sql-migrate}, {@code Liquibase formatted SQL}).
 */
public record InfoResult(MigrationVersion currentVersion, List<MigrationInfo> migrations, List<String> problems,
		List<String> warnings, String convention) {

	/** In Migrator's own convention. */
	public InfoResult(MigrationVersion currentVersion, List<MigrationInfo> migrations, List<String> problems,
			List<String> warnings) {
		this(currentVersion, migrations, problems, warnings, "migrator");
	}

	public InfoResult {
		migrations = List.copyOf(migrations);
		problems = List.copyOf(problems);
		warnings = List.copyOf(warnings);
	}

	/** The migrations a {@code migrate()} would apply, in order. */
	public List<MigrationInfo> pending() {
		return this.migrations.stream()
			.filter((m) -> m.state() == MigrationState.PENDING || m.state() == MigrationState.ROLLED_BACK)
			.toList();
	}

	/** The migrations applied and recorded, in version order. */
	public List<MigrationInfo> applied() {
		return this.migrations.stream().filter((m) -> m.state() == MigrationState.APPLIED).toList();
	}

}
