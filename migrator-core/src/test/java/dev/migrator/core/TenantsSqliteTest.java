package dev.migrator.core;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.migrator.core.api.MigrationListener;
import dev.migrator.core.api.MigrationVersion;
import dev.migrator.core.api.MigratorException;
import dev.migrator.core.api.RunOptions;
import dev.migrator.core.api.RunResult;
import dev.migrator.core.api.Tenant;
import dev.migrator.core.api.TenantOutcome;
import dev.migrator.core.api.TenantResult;
import dev.migrator.core.api.TenantStatus;
import dev.migrator.core.api.TenantsOptions;
import dev.migrator.core.api.TenantsOptions.FailurePolicy;
import dev.migrator.core.api.TenantsReport;
import dev.migrator.core.internal.jdbc.DriverDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Many tenants, each a SQLite file of its own: one bad tenant (its {@code notes} table is already there,
 * so migration 2 fails on it alone) among five, under fail-fast and continue.
 */
class TenantsSqliteTest {

	private static final List<String> NAMES = List.of("acme", "bad", "cyan", "delta", "echo");

	@TempDir
	Path dir;

	private Path migrations;

	@BeforeEach
	void migrationsAndTheBadTenant() throws Exception {
		this.migrations = Files.createDirectories(this.dir.resolve("migrations"));
		write("1_tasks.sql", "CREATE TABLE tasks (id INTEGER PRIMARY KEY, title TEXT NOT NULL);");
		write("2_notes.sql", "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT);");
		execute(file("bad"), "CREATE TABLE notes (id INTEGER PRIMARY KEY)");
	}

	@Test
	void failFastStartsNoTenantAfterTheFirstFailure() throws Exception {
		TenantsReport report = tenants(NAMES).migrate(new TenantsOptions(1, FailurePolicy.FAIL_FAST));

		assertThat(report.tenants()).extracting(TenantResult::name).containsExactlyElementsOf(NAMES);
		assertThat(report.tenants()).extracting(TenantResult::outcome)
			.containsExactly(TenantOutcome.MIGRATED, TenantOutcome.FAILED, TenantOutcome.NOT_STARTED,
					TenantOutcome.NOT_STARTED, TenantOutcome.NOT_STARTED);
		assertThat(report.tenant("acme").orElseThrow().applied()).containsExactly(version("1"), version("2"));
		TenantResult bad = report.tenant("bad").orElseThrow();
		assertThat(bad.error()).contains("2_notes.sql:1").contains("notes");
		assertThat(bad.applied()).isEmpty();
		for (String untouched : List.of("cyan", "delta", "echo")) {
			assertThat(file(untouched)).doesNotExist();
			assertThat(report.tenant(untouched).orElseThrow().error()).isNull();
		}
		assertThat(report.succeeded()).isFalse();
		assertThat(report.summary()).isEqualTo("5 tenants: 1 migrated, 0 up to date, 1 failed (bad), 3 not started");
	}

	@Test
	void failFastInParallelLeavesEveryTenantItDidNotStartUntouched() throws Exception {
		List<String> badFirst = List.of("bad", "acme", "cyan", "delta", "echo");

		TenantsReport report = tenants(badFirst).migrate(new TenantsOptions(2, FailurePolicy.FAIL_FAST));

		assertThat(report.tenant("bad").orElseThrow().outcome()).isEqualTo(TenantOutcome.FAILED);
		// which of the others started depends on the threads; what each one is does not
		for (TenantResult tenant : report.tenants().subList(1, 5)) {
			assertThat(tenant.outcome()).isIn(TenantOutcome.MIGRATED, TenantOutcome.NOT_STARTED);
			if (tenant.outcome() == TenantOutcome.NOT_STARTED) {
				assertThat(file(tenant.name())).doesNotExist();
			}
			else {
				assertThat(versions(tenant.name())).containsExactly("1|applied", "2|applied");
			}
		}
	}

	@Test
	void continueMigratesEveryOtherTenantAndReportsTheFailedOne() throws Exception {
		TenantMigrators tenants = tenants(NAMES);

		TenantsReport first = tenants.migrate(new TenantsOptions(3, FailurePolicy.CONTINUE));
		TenantsReport second = tenants.migrate(new TenantsOptions(3, FailurePolicy.CONTINUE));

		assertThat(first.tenants()).extracting(TenantResult::outcome)
			.containsExactly(TenantOutcome.MIGRATED, TenantOutcome.FAILED, TenantOutcome.MIGRATED,
					TenantOutcome.MIGRATED, TenantOutcome.MIGRATED);
		for (String good : List.of("acme", "cyan", "delta", "echo")) {
			assertThat(versions(good)).containsExactly("1|applied", "2|applied");
		}
		// the bad tenant's failed migration rolled back with its transaction: 1 stays applied, 2 is not recorded
		assertThat(versions("bad")).containsExactly("1|applied");
		assertThat(second.tenants()).extracting(TenantResult::outcome)
			.containsExactly(TenantOutcome.UP_TO_DATE, TenantOutcome.FAILED, TenantOutcome.UP_TO_DATE,
					TenantOutcome.UP_TO_DATE, TenantOutcome.UP_TO_DATE);
		assertThat(second.summary()).isEqualTo("5 tenants: 0 migrated, 4 up to date, 1 failed (bad), 0 not started");
	}

	@Test
	void neverRunsMoreTenantsAtOnceThanTheParallelism() throws Exception {
		AtomicInteger running = new AtomicInteger();
		AtomicInteger most = new AtomicInteger();
		MigrationListener counting = new MigrationListener() {
			@Override
			public void runStarted(String command, boolean dryRun) {
				most.accumulateAndGet(running.incrementAndGet(), Math::max);
			}

			@Override
			public void runFinished(String command, RunResult result, Throwable failure) {
				running.decrementAndGet();
			}
		};

		TenantsReport report = Migrator.configure()
			.locations("filesystem:" + this.migrations)
			.listeners(counting)
			.loadTenants(tenantList(List.of("acme", "cyan", "delta", "echo", "fox", "golf")))
			.migrate(new TenantsOptions(2, FailurePolicy.CONTINUE));

		assertThat(report.succeeded()).isTrue();
		assertThat(most.get()).isBetween(1, 2);
	}

	@Test
	void twoTenantsOnOneDatabaseAreSerialisedByItsLock() throws Exception {
		String url = "jdbc:sqlite:" + file("shared");
		List<Tenant> same = List.of(Tenant.of("one", new DriverDataSource(url, null, null)),
				Tenant.of("two", new DriverDataSource(url, null, null)));

		TenantsReport report = Migrator.configure()
			.locations("filesystem:" + this.migrations)
			.loadTenants(same)
			.migrate(new TenantsOptions(2, FailurePolicy.CONTINUE));

		assertThat(report.tenants()).extracting(TenantResult::outcome)
			.containsExactlyInAnyOrder(TenantOutcome.MIGRATED, TenantOutcome.UP_TO_DATE);
		assertThat(versions("shared")).containsExactly("1|applied", "2|applied");
	}

	@Test
	void eachTenantKeepsItsBackupsInAFolderOfItsOwn() throws Exception {
		// the same file name in two folders: one shared backup folder would mix their backups up
		List<Tenant> sameFileName = new ArrayList<>();
		for (String name : List.of("north", "south")) {
			Path db = Files.createDirectories(this.dir.resolve(name)).resolve("app.db");
			execute(db, "CREATE TABLE seed (id INTEGER)");
			sameFileName.add(Tenant.of(name, new DriverDataSource("jdbc:sqlite:" + db, null, null)));
		}
		Path backups = this.dir.resolve("backups");

		TenantsReport report = Migrator.configure()
			.locations("filesystem:" + this.migrations)
			.backupDirectory(backups)
			.loadTenants(sameFileName)
			.migrate();

		assertThat(report.succeeded()).isTrue();
		for (TenantResult tenant : report.tenants()) {
			assertThat(tenant.result().backup()).isNotNull();
			assertThat(backups.resolve(tenant.name()).resolve(tenant.result().backup().id())).exists();
			assertThat(Migrator.configure()
				.locations("filesystem:" + this.migrations)
				.backupDirectory(backups)
				.loadTenants(sameFileName)
				.migrator(tenant.name())
				.backups()).extracting((b) -> b.id()).containsExactly(tenant.result().backup().id());
		}
	}

	@Test
	void statusReadsEveryTenantAndSaysWhichCannotBeRead() throws Exception {
		TenantMigrators tenants = tenants(List.of("acme", "missing"));
		Migrator.configure().url("jdbc:sqlite:" + file("acme")).locations("filesystem:" + this.migrations).load().migrate("1");

		List<TenantStatus> status = tenants.status();

		assertThat(status).extracting(TenantStatus::name).containsExactly("acme", "missing");
		assertThat(status.get(0).status().currentVersion()).isEqualTo(version("1"));
		assertThat(status.get(0).status().pending()).hasSize(1);
		assertThat(status.get(1).status()).isNull();
		assertThat(status.get(1).failure().getMessage()).contains("missing.db");
		assertThat(file("missing")).doesNotExist();
	}

	@Test
	void refusesTwoTenantsOfOneNameAndSaysWhichNamesThereAre() {
		assertThatThrownBy(() -> tenants(List.of("acme", "acme")))
			.isInstanceOf(MigratorException.class)
			.hasMessageContaining("Two tenants are named 'acme'");
		assertThatThrownBy(() -> tenants(List.of("acme", "cyan")).migrator("acmee"))
			.isInstanceOf(MigratorException.class)
			.hasMessage("No tenant 'acmee' (did you mean 'acme'?); the tenants are acme, cyan");
		assertThatThrownBy(() -> Tenant.of("../etc", new DriverDataSource("jdbc:sqlite:x.db", null, null)))
			.isInstanceOf(MigratorException.class)
			.hasMessageContaining("Invalid tenant name '../etc'");
		assertThatThrownBy(() -> new TenantsOptions(-1, FailurePolicy.CONTINUE))
			.hasMessageContaining("must be 1 or more");
	}

	@Test
	void aDryRunSaysWhatEachTenantWouldApplyAndWhereTheBadOneWouldFailChangingNothing() throws Exception {
		TenantMigrators tenants = tenants(NAMES);
		assertThat(tenants.migrate("1", RunOptions.DEFAULT, TenantsOptions.DEFAULT).succeeded()).isTrue();

		TenantsReport report = tenants.migrate(null, RunOptions.dryRunOnly(),
				TenantsOptions.DEFAULT.withParallelism(2).withOnFailure(FailurePolicy.CONTINUE));

		assertThat(tenants.names()).as("in the order given").containsExactlyElementsOf(NAMES);
		assertThat(report.tenant("acme").orElseThrow().outcome()).isEqualTo(TenantOutcome.MIGRATED);
		assertThat(report.tenant("acme").orElseThrow().applied()).containsExactly(version("2"));
		TenantResult bad = report.tenant("bad").orElseThrow();
		assertThat(bad.outcome()).isEqualTo(TenantOutcome.FAILED);
		assertThat(bad.error()).startsWith("Migration 2 would fail at ").contains("2_notes.sql").contains("notes");
		assertThat(report.summary()).isEqualTo("5 tenants: 4 migrated, 0 up to date, 1 failed (bad), 0 not started");
		for (String name : NAMES) {
			assertThat(versions(name)).as(name + ": a dry run changes no history").containsExactly("1|applied");
		}
	}

	@Test
	void aNameNearNoTenantListsTheTenantsAndOneTenantIsSummedUpAsOne() {
		assertThatThrownBy(() -> tenants(List.of("acme", "cyan")).migrator("zzz"))
			.isInstanceOf(MigratorException.class)
			.hasMessage("No tenant 'zzz'; the tenants are acme, cyan");

		TenantsReport report = tenants(List.of("acme")).migrate();

		assertThat(report.summary()).isEqualTo("1 tenant: 1 migrated, 0 up to date, 0 failed, 0 not started");
	}

	// an AssertionError of a test's listener, an OutOfMemoryError: never turned into one tenant's failure
	@Test
	void anErrorInATenantsRunReachesTheCallerAsItIs() {
		AssertionError thrown = new AssertionError("a listener's check failed");
		TenantMigrators tenants = Migrator.configure().locations("filesystem:" + this.migrations).listeners(new MigrationListener() {

			@Override
			public void runStarted(String command, boolean dryRun) {
				throw thrown;
			}

		}).loadTenants(tenantList(List.of("acme")));

		assertThatThrownBy(tenants::migrate).isSameAs(thrown);
	}

	@Test
	void noTenantsIsAnEmptyReport() {
		TenantsReport report = tenants(List.of()).migrate();

		assertThat(report.tenants()).isEmpty();
		assertThat(report.succeeded()).isTrue();
	}

	private TenantMigrators tenants(List<String> names) {
		return Migrator.configure().locations("filesystem:" + this.migrations).loadTenants(tenantList(names));
	}

	private List<Tenant> tenantList(List<String> names) {
		return names.stream()
			.map((name) -> Tenant.of(name, new DriverDataSource("jdbc:sqlite:" + file(name), null, null)))
			.toList();
	}

	private Path file(String tenant) {
		return this.dir.resolve(tenant + ".db");
	}

	private List<String> versions(String tenant) throws SQLException {
		List<String> rows = new ArrayList<>();
		try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file(tenant));
				Statement statement = connection.createStatement();
				var rs = statement.executeQuery("SELECT version, status FROM schema_migrations ORDER BY version")) {
			while (rs.next()) {
				rows.add(rs.getString(1) + "|" + rs.getString(2));
			}
		}
		return rows;
	}

	private void write(String name, String content) throws IOException {
		Files.writeString(this.migrations.resolve(name), content, StandardCharsets.UTF_8);
	}

	private static void execute(Path db, String sql) throws SQLException {
		try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db);
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	private static MigrationVersion version(String text) {
		return MigrationVersion.parse(text);
	}

}
