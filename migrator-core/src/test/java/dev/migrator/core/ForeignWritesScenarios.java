package dev.migrator.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.migrator.core.api.MigrationFailedException;
import dev.migrator.core.api.MigrationListener;
import dev.migrator.core.api.MigrationRun;

/**
 * A migration that fails after the database committed part of it, while the application goes on
 * writing to a table the migration does not touch. The run's backup is restored only when nothing
 * else wrote since it was taken; otherwise the database stays as it is, the failure is recorded,
 * and the message names the backup and the choice. Either way the log keeps every attempt.
 */
abstract class ForeignWritesScenarios {

	@TempDir
	Path dir;

	DatabaseFixture fx;

	private Writer writer;

	abstract DatabaseFixture fixture(Path dir) throws Exception;

	/** A migration that fails after the database committed its first statement, which creates table {@code stays}. */
	abstract String failsHalfWay();

	/** What the database needs before an application writes to it at the same time as a migration. */
	void prepareForAConcurrentWriter() throws Exception {
	}

	@BeforeEach
	void setUp() throws Exception {
		this.fx = fixture(this.dir);
		prepareForAConcurrentWriter();
		this.fx.write("001_create_orders.sql", "CREATE TABLE orders (id INT PRIMARY KEY, item VARCHAR(50) NOT NULL);");
		this.fx.migrator().migrate();
		this.fx.write("002_notes.sql", "CREATE TABLE notes (id INT PRIMARY KEY);").write("003_stays.sql", failsHalfWay());
	}

	@AfterEach
	void stopWriter() throws Exception {
		if (this.writer != null) {
			this.writer.stop();
		}
	}

	@Test
	void aWriterDuringTheRunLeavesTheDatabaseAsItIsAndTheMessageNamesTheBackupAndTheChoice() throws Exception {
		this.writer = new Writer(this.fx).start();
		Migrator migrator = this.fx.configure().listeners(new WaitsForACommitAfter("002", this.writer)).load();

		assertThatThrownBy(migrator::migrate).isInstanceOf(MigrationFailedException.class)
			.hasMessageContaining("003_stays.sql:")
			.hasMessageContaining("was NOT restored automatically: ")
			.satisfies((ex) -> assertThat(ex.getMessage()).containsPattern("since[^.]*: [^.]*\\borders\\b"))
			.hasMessageContaining("Restoring it would silently discard those writes, so the database is left as it is.")
			.hasMessageContaining("restore(\"" + newestBackup() + "\") to return to the state before this run, "
					+ "losing every write made since ")
			.hasMessageContaining(backupFolder().resolve(newestBackup()).toString())
			.hasMessageContaining("or finish or undo the migration by hand, keeping those writes, and run repair()")
			.hasMessageContaining("Migrations applied earlier in this run stay applied: [002]");
		int committed = this.writer.stop();

		// the application's rows are all there, and so is what the migration did: nothing was restored
		assertThat(committed).isPositive();
		assertThat(this.fx.query("SELECT count(*) FROM orders")).containsExactly(String.valueOf(committed));
		assertThat(this.fx.tables()).contains("notes", "stays");
		assertThat(this.fx.query("SELECT version, status FROM schema_migrations ORDER BY version"))
			.containsExactly("001|applied", "002|applied", "003|failed");
		assertThat(this.fx.query("SELECT count(*) FROM schema_migrations_log WHERE action = 'restore'")).containsExactly("0");
		assertThat(this.fx.query("SELECT error FROM schema_migrations_log WHERE action = 'migrate' AND success = 0"))
			.singleElement()
			.asString()
			.contains("was NOT restored automatically");
	}

	@Test
	void withoutAWriterTheBackupIsRestoredAndTheLogKeepsTheAttemptsMadeSinceIt() throws Exception {
		List<String> before = applicationDump();

		assertThatThrownBy(() -> this.fx.migrator().migrate()).isInstanceOf(MigrationFailedException.class)
			.hasMessageContaining("The database was restored from backup ");

		assertThat(applicationDump()).isEqualTo(before);
		// 002's apply came after the backup: the restored log had lost it, the carried-over log has it
		assertThat(this.fx.query("SELECT version, action, success FROM schema_migrations_log"
				+ " WHERE action <> 'start' ORDER BY id"))
			.containsExactly("001|migrate|1", "002|migrate|1", "null|restore|1", "003|migrate|0");
	}

	@Test
	void aRestoreByHandKeepsTheFailuresAndTheirErrorsInTheLog() throws Exception {
		this.writer = new Writer(this.fx).start();
		Migrator migrator = this.fx.configure().listeners(new WaitsForACommitAfter("002", this.writer)).load();
		assertThatThrownBy(migrator::migrate).isInstanceOf(MigrationFailedException.class)
			.hasMessageContaining("was NOT restored automatically");
		int committed = this.writer.stop();
		List<String> logBefore = this.fx.query("SELECT version, action, success, error FROM schema_migrations_log ORDER BY id");

		// the operator's first choice: go back, losing the writes
		this.fx.migrator().restore(newestBackup());

		assertThat(this.fx.tables()).doesNotContain("notes", "stays");
		assertThat(this.fx.query("SELECT count(*) FROM orders")).singleElement()
			.satisfies((count) -> assertThat(Integer.parseInt(count)).isLessThan(committed));
		List<String> logAfter = this.fx.query("SELECT version, action, success, error FROM schema_migrations_log ORDER BY id");
		assertThat(logAfter).hasSize(logBefore.size() + 1).startsWith(logBefore.toArray(String[]::new));
		assertThat(logAfter.get(logAfter.size() - 1)).startsWith("null|restore|1|restored backup ");
		assertThat(logAfter).anySatisfy((row) -> assertThat(row).startsWith("003|migrate|0|")
			.contains("003_stays.sql:", "was NOT restored automatically"));
	}

	/** Where the fixture's backups go. */
	abstract Path backupFolder();

	private String newestBackup() {
		return this.fx.migrator().backups().get(0).id();
	}

	private List<String> applicationDump() throws SQLException {
		return this.fx.dump().stream().filter((line) -> !line.contains("schema_migrations")).toList();
	}

	/** When a migration of the run was applied, lets the writer commit twice more before the run goes on. */
	private record WaitsForACommitAfter(String version, Writer writer) implements MigrationListener {

		@Override
		public void migrationApplied(MigrationRun run, boolean dryRun) {
			if (run.version().toString().equals(this.version)) {
				this.writer.awaitCommitsFromNow();
			}
		}

	}

	/** The application: inserts orders one by one on its own connection until stopped. */
	static final class Writer implements Runnable {

		private final DatabaseFixture fx;

		private final Semaphore commits = new Semaphore(0);

		private final AtomicInteger committed = new AtomicInteger();

		private volatile boolean running = true;

		private volatile Throwable failure;

		private Thread thread;

		Writer(DatabaseFixture fx) {
			this.fx = fx;
		}

		Writer start() {
			this.thread = new Thread(this, "application-writer");
			this.thread.start();
			return this;
		}

		@Override
		public void run() {
			try (Connection connection = this.fx.connect();
					PreparedStatement insert = connection.prepareStatement("INSERT INTO orders (id, item) VALUES (?, ?)")) {
				while (this.running) {
					int id = this.committed.get() + 1;
					insert.setInt(1, id);
					insert.setString(2, "order " + id);
					insert.executeUpdate();
					this.committed.incrementAndGet();
					this.commits.release();
					// an application's pace, not a timing: back-to-back commits would shut every other SQLite writer
					// out (its busy handler sleeps between tries, this loop would not)
					Thread.sleep(2);
				}
			}
			catch (Throwable ex) {
				this.failure = ex;
				this.commits.release(Integer.MAX_VALUE / 2);
			}
		}

		/** Two commits released after the drain: at least one began after it. */
		void awaitCommitsFromNow() {
			this.commits.drainPermits();
			try {
				if (!this.commits.tryAcquire(2, 60, TimeUnit.SECONDS) || this.failure != null) {
					throw new IllegalStateException("the writer did not commit", this.failure);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}

		/** Stops the writer and returns how many rows it committed. */
		int stop() throws Exception {
			this.running = false;
			this.thread.join();
			if (this.failure != null) {
				throw new AssertionError("the writer failed", this.failure);
			}
			return this.committed.get();
		}

	}

}
