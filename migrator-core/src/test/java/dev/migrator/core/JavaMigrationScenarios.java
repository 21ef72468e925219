package dev.migrator.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.migrator.core.api.JavaMigration;
import dev.migrator.core.api.MigrationContext;
import dev.migrator.core.api.MigrationFailedException;
import dev.migrator.core.api.MigrationType;
import dev.migrator.core.api.MigratorException;

/** Java migrations among SQL ones, on every engine. */
abstract class JavaMigrationScenarios {

	@TempDir
	Path dir;

	DatabaseFixture fx;

	/** The engine's fixture on a fresh database in {@code dir}. */
	abstract DatabaseFixture fixture(Path dir) throws Exception;

	@BeforeEach
	void setUp() throws Exception {
		this.fx = fixture(this.dir);
		this.fx.write("1_people.sql", "CREATE TABLE people (id INTEGER PRIMARY KEY, full_name VARCHAR(100));\nINSERT INTO people (id, full_name) VALUES (1, 'Ada Lovelace'), (2, 'Alan Turing');");
	}

	public static class SplitNames implements JavaMigration {

		@Override
		public String version() {
			return "2";
		}

		@Override
		public String description() {
			return "split full names";
		}

		@Override
		public void up(MigrationContext context) throws Exception {
			try (Statement statement = context.connection().createStatement()) {
				statement.execute("ALTER TABLE people ADD COLUMN last_name VARCHAR(100)");
			}
			// split in Java: the SQL string functions differ from one engine to the next
			Map<Integer, String> lastNames = new LinkedHashMap<>();
			try (Statement statement = context.connection().createStatement();
					ResultSet rs = statement.executeQuery("SELECT id, full_name FROM people")) {
				while (rs.next()) {
					String fullName = rs.getString(2);
					lastNames.put(rs.getInt(1), fullName.substring(fullName.indexOf(' ') + 1));
				}
			}
			try (PreparedStatement update = context.connection()
				.prepareStatement("UPDATE people SET last_name = ? WHERE id = ?")) {
				for (Map.Entry<Integer, String> entry : lastNames.entrySet()) {
					update.setString(1, entry.getValue());
					update.setInt(2, entry.getKey());
					update.executeUpdate();
				}
			}
		}

		@Override
		public void down(MigrationContext context) throws Exception {
			try (Statement statement = context.connection().createStatement()) {
				statement.execute("ALTER TABLE people DROP COLUMN last_name");
			}
		}

		@Override
		public boolean verify(MigrationContext context) throws Exception {
			try (Statement statement = context.connection().createStatement();
					var rs = statement.executeQuery("SELECT count(*) FROM people WHERE last_name IS NULL")) {
				return rs.next() && rs.getInt(1) == 0;
			}
		}

	}

	/** Up only: no down, so rollback over it is refused. */
	static class Seed implements JavaMigration {

		private final boolean fail;

		Seed(boolean fail) {
			this.fail = fail;
		}

		@Override
		public String version() {
			return "3";
		}

		@Override
		public String description() {
			return "seed";
		}

		@Override
		public void up(MigrationContext context) throws Exception {
			try (Statement statement = context.connection().createStatement()) {
				statement.execute("INSERT INTO people (id, full_name) VALUES (3, 'Grace Hopper')");
			}
			if (this.fail) {
				throw new IllegalStateException("the seed service is down");
			}
		}

	}

	@Test
	void javaMigrationRegisteredByClassRunsBetweenSqlOnesAndRollsBack() throws Exception {
		Migrator migrator = this.fx.configure().javaMigrationClasses(SplitNames.class).load();

		var result = migrator.migrate();

		assertThat(result.migrations()).extracting((r) -> r.type()).containsExactly(MigrationType.SQL, MigrationType.JAVA);
		assertThat(this.fx.query("SELECT last_name FROM people ORDER BY id")).containsExactly("Lovelace", "Turing");
		assertThat(this.fx.query("SELECT type, script, checksum FROM schema_migrations WHERE version = '2'"))
			.containsExactly("java|" + SplitNames.class.getName() + "|null");

		migrator.rollback(1);

		assertThat(this.fx.columns("people")).containsExactly("id", "full_name");
	}

	@Test
	void javaMigrationThatThrowsIsRolledBackAndNamed() throws Exception {
		Migrator migrator = this.fx.configure().javaMigrations(new Seed(true)).load();

		assertThatThrownBy(migrator::migrate)
			.isInstanceOf(MigrationFailedException.class)
			.hasMessageContaining(Seed.class.getName() + ": up() threw java.lang.IllegalStateException: the seed service is down");

		assertThat(this.fx.query("SELECT count(*) FROM people")).containsExactly("2");
	}

	@Test
	void javaMigrationWithoutDownCannotBeRolledBack() throws Exception {
		Migrator migrator = this.fx.configure().javaMigrations(new Seed(false)).load();
		migrator.migrate();

		assertThatThrownBy(() -> migrator.rollback(1)).hasMessageContaining("has no down migration; add a down() method");
	}

	@Test
	void javaMigrationWhoseVerifyFailsIsRolledBack() throws Exception {
		assumeTrue(this.fx.transactionalDdl(), "DDL commits on its own on " + this.fx.engine());
		JavaMigration failingVerify = new SplitNames() {
			@Override
			public boolean verify(MigrationContext context) {
				return false;
			}
		};
		assertThatThrownBy(() -> this.fx.configure().javaMigrations(failingVerify).load().migrate())
			.hasMessageContaining("verify() returned false");
		assertThat(this.fx.columns("people")).doesNotContain("last_name");
	}

	@Test
	void badJavaMigrationsAreRefusedWithTheClassName() throws Exception {
		JavaMigration badVersion = new Seed(false) {
			@Override
			public String version() {
				return "v3";
			}
		};
		JavaMigration clash = new Seed(false) {
			@Override
			public String version() {
				return "1";
			}
		};
		JavaMigration noDescription = new Seed(false) {
			@Override
			public String description() {
				return " ";
			}
		};

		assertThatThrownBy(() -> this.fx.configure().javaMigrations(badVersion, clash, noDescription).load().validate())
			.hasMessageContaining("'v3' is not a version")
			.hasMessageContaining("Two migrations have version 1")
			.hasMessageContaining("description() is empty");
	}

	static class NoDefaultConstructor extends Seed {

		NoDefaultConstructor(int x) {
			super(false);
		}

	}

	@Test
	void classWithoutANoArgumentConstructorIsRefused() {
		assertThatThrownBy(() -> Migrator.configure().javaMigrationClasses(NoDefaultConstructor.class))
			.isInstanceOf(MigratorException.class)
			.hasMessageContaining("give it a public no-argument constructor");
	}

}
