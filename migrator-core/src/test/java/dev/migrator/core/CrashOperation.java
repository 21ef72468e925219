package dev.migrator.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.util.List;

import dev.migrator.core.api.BackupInfo;
import dev.migrator.core.api.RunOptions;

/**
 * What a crash trial kills: the state the database starts in, the run the child makes (and the
 * next run makes again to recover), and the history that run must leave.
 */
enum CrashOperation {

	/** From an empty database, every migration of the set. */
	MIGRATE("migrate") {

		@Override
		Start prepare(DatabaseFixture fx) throws SQLException {
			// on SQLite an empty file: the child first reads with info, which refuses a file that is not there
			fx.connect().close();
			return new Start("", List.of());
		}

		@Override
		void run(DatabaseFixture fx, String argument) {
			fx.configure().load().migrate();
		}

		@Override
		String expectedStatus(int version) {
			return "applied";
		}

	},

	/**
	 * From an empty database, every migration of the set written as {@code -- migrator:no-transaction}
	 * scripts: a kill may leave one partially applied, which must then be known as such.
	 */
	MIGRATE_NO_TRANSACTION("migrate") {

		@Override
		Start prepare(DatabaseFixture fx) throws IOException, SQLException {
			return MIGRATE.prepare(fx);
		}

		@Override
		void run(DatabaseFixture fx, String argument) {
			fx.configure().load().migrate();
		}

		@Override
		String expectedStatus(int version) {
			return "applied";
		}

		@Override
		boolean noTransaction() {
			return true;
		}

		@Override
		public String toString() {
			return "migrate-no-transaction";
		}

	},

	/** From every migration applied, the downs of all but the first, in one rollback. */
	ROLLBACK("rollback") {

		@Override
		Start prepare(DatabaseFixture fx) {
			fx.configure().load().migrate();
			return new Start(CrashMigrations.FIRST, List.of());
		}

		@Override
		void run(DatabaseFixture fx, String argument) {
			fx.configure().load().rollbackTo(argument, RunOptions.DEFAULT.withAllowDataLoss(true));
		}

		@Override
		String expectedStatus(int version) {
			return (version <= Integer.parseInt(CrashMigrations.FIRST)) ? "applied" : "rolled_back";
		}

	},

	/**
	 * From every migration applied, back to the backup taken at half the set. A restore is one
	 * SQLite transaction, so a killed one must leave the whole state before it or the whole backup.
	 */
	RESTORE("restore") {

		@Override
		Start prepare(DatabaseFixture fx) throws IOException, SQLException {
			Migrator migrator = fx.configure().load();
			migrator.migrate(CrashMigrations.HALF);
			migrator.migrate();
			BackupInfo half = migrator.backups()
				.stream()
				.filter((backup) -> backup.version().equals(CrashMigrations.HALF))
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("no backup of version " + CrashMigrations.HALF + " in "
						+ migrator.backups()));
			// the backup's own content, read from a copy: opening the stored file could change its bytes
			Path content = Files.createDirectories(fx.dir.resolveSibling(fx.dir.getFileName() + "-restored"));
			Files.copy(fx.dir.resolve("backups").resolve(half.id()), content.resolve("app.db"),
					StandardCopyOption.REPLACE_EXISTING);
			return new Start(half.id(), List.of(state(fx), state(new SqliteFixture(content))));
		}

		@Override
		void run(DatabaseFixture fx, String argument) {
			fx.configure().load().restore(argument);
		}

		@Override
		String expectedStatus(int version) {
			return (version <= Integer.parseInt(CrashMigrations.HALF)) ? "applied" : "nothing";
		}

	};

	private final String command;

	CrashOperation(String command) {
		this.command = command;
	}

	/**
	 * Brings a database with the migration set written to this operation's start state.
	 * @return what the child needs besides the database, and the whole states a killed run may leave
	 */
	abstract Start prepare(DatabaseFixture fx) throws IOException, SQLException;

	/** Runs the operation in this JVM, as the run after a crash does. */
	abstract void run(DatabaseFixture fx, String argument);

	/** The history status of a version once the operation completed: applied, rolled_back or nothing. */
	abstract String expectedStatus(int version);

	/** Whether the set's ups are written as {@code -- migrator:no-transaction} scripts. */
	boolean noTransaction() {
		return false;
	}

	/** The name {@link CrashChild} knows the operation by. */
	String command() {
		return this.command;
	}

	/**
	 * Schema and rows, without the append-only log: a restore writes its log entry after the
	 * restored state committed, so the log alone may differ between two whole states.
	 */
	static List<String> state(DatabaseFixture fx) throws SQLException {
		return fx.dump().stream().filter((line) -> !line.startsWith("schema_migrations_log: ")).toList();
	}

	@Override
	public String toString() {
		return this.command;
	}

	/**
	 * @param argument the rollback's target or the backup to restore; empty for migrate
	 * @param wholeStates the states a killed run must leave one of; empty when the history check says it all
	 */
	record Start(String argument, List<List<String>> wholeStates) {

	}

}
