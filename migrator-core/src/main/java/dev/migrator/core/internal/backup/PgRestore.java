package dev.migrator.core.internal.backup;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.migrator.core.api.MigratorException;
import dev.migrator.core.internal.backup.PgDumpBackupStore.Target;

/**
 * Puts a {@code pg_dump} custom-format archive back into the database it came from, in one
 * transaction: {@code pg_restore} turns the archive into SQL, and {@code psql --single-transaction}
 * runs first the drops that empty what the dump covers (the configured schema; without one, every
 * schema of the database), then that SQL. A failure anywhere rolls the whole of it back, so the
 * database is either the backup's state or untouched: objects a failed run created go with the
 * drops, which {@code pg_restore --clean} alone would leave.
 */
final class PgRestore {

	/** The Debian/Ubuntu package with pg_dump, pg_restore and psql. */
	static final String PACKAGE = "postgresql-client";

	private final Path pgRestore;

	private final Path psql;

	private final Target target;

	private PgRestore(Path pgRestore, Path psql, Target target) {
		this.pgRestore = pgRestore;
		this.psql = psql;
		this.target = target;
	}

	/**
	 * The tools beside {@code pg_dump} (they are installed together), else on the PATH.
	 * @throws MigratorException naming the package to install, when either is missing
	 */
	static PgRestore find(DumpTool dump, Target target, String path) {
		return new PgRestore(tool(dump, "pg_restore", path), tool(dump, "psql", path), target);
	}

	private static Path tool(DumpTool dump, String name, String path) {
		Optional<Path> tool = dump.sibling(name).or(() -> DumpTool.find(null, name, path).map(DumpTool::executable));
		return tool.orElseThrow(() -> new MigratorException(name + " was not found beside " + dump.executable()
				+ " or on the PATH, so the backup cannot be restored; install the PostgreSQL client tools (Debian/Ubuntu: "
				+ "apt-get install " + PACKAGE + "; as new as the server), or set migrator.backup.dump-tool to a pg_dump "
				+ "with pg_restore and psql beside it. The database was not touched."));
	}

	/** The archive's table of contents; proves it readable before anything is touched. */
	String list(Path archive) throws IOException {
		return run(List.of(this.pgRestore.toString(), "--list", archive.toString()), null, "pg_restore --list of " + archive);
	}

	/** Restores the archive in one transaction, dropping first what it replaces. */
	void restore(Connection connection, Path archive) throws IOException, SQLException {
		String drops = drops(connection);
		List<String> psqlCommand = new ArrayList<>(List.of(this.psql.toString(), "--no-psqlrc", "--quiet",
				"--set=ON_ERROR_STOP=1", "--single-transaction", "--no-password", "--output=/dev/null",
				"--host=" + this.target.host(),
				"--port=" + this.target.port(), "--dbname=" + this.target.database()));
		if (this.target.user() != null) {
			psqlCommand.add("--username=" + this.target.user());
		}
		ProcessBuilder restoreBuilder = environment(new ProcessBuilder(this.pgRestore.toString(), "--file=-",
				archive.toString()));
		Process sql = restoreBuilder.start();
		CompletableFuture<String> sqlErrors = drain(sql.getErrorStream());
		String output;
		try {
			output = run(psqlCommand, (in) -> {
				in.write(drops.getBytes(StandardCharsets.UTF_8));
				try (InputStream from = sql.getInputStream()) {
					copyWithoutCreatingPublic(from, in);
				}
			}, "psql restoring " + archive);
		}
		finally {
			sql.destroy();
		}
		try {
			if (!sql.waitFor(1, TimeUnit.MINUTES) || sql.exitValue() != 0) {
				throw new MigratorException("pg_restore of " + archive + " failed: " + sqlErrors.join().strip()
						+ "; psql rolled back what it had run: " + output.strip());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new MigratorException("pg_restore of " + archive + " was interrupted", ex);
		}
	}

	/**
	 * What empties the part of the database the dump covers: its schema, or every schema but the
	 * system's. {@code public} exists in every new database, so a whole-database dump holds only how
	 * it differs from a new one: it is created again as it was (owner, comment, grants), and a
	 * dump's own {@code CREATE SCHEMA public} is skipped.
	 */
	private String drops(Connection connection) throws SQLException {
		StringBuilder drops = new StringBuilder();
		List<String> schemas = new ArrayList<>();
		if (this.target.schema() != null) {
			schemas.add(this.target.schema());
		}
		else {
			try (Statement statement = connection.createStatement();
					ResultSet rs = statement.executeQuery("SELECT nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%'"
							+ " AND nspname <> 'information_schema' ORDER BY nspname")) {
				while (rs.next()) {
					schemas.add(rs.getString(1));
				}
			}
		}
		String recreatePublic = (this.target.schema() == null && schemas.contains("public")) ? recreatePublic(connection)
				: "";
		for (String schema : schemas) {
			drops.append("DROP SCHEMA IF EXISTS ").append(quoted(schema)).append(" CASCADE;\n");
		}
		return drops.append(recreatePublic).toString();
	}

	private static String recreatePublic(Connection connection) throws SQLException {
		StringBuilder sql = new StringBuilder();
		try (Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery("SELECT pg_get_userbyid(nspowner), nspacl::text,"
						+ " obj_description(oid, 'pg_namespace') FROM pg_namespace WHERE nspname = 'public'")) {
			rs.next();
			String owner = rs.getString(1);
			sql.append("CREATE SCHEMA public AUTHORIZATION ").append(quoted(owner)).append(";\n");
			if (rs.getString(3) != null) {
				sql.append("COMMENT ON SCHEMA public IS '").append(rs.getString(3).replace("'", "''")).append("';\n");
			}
			String acl = rs.getString(2);
			if (acl != null) {
				// {owner=UC/owner,=U/owner,reader=U/owner}: "" is PUBLIC; the owner's own rights are implicit
				for (String item : acl.replaceAll("[{}\"]", "").split(",")) {
					int eq = item.indexOf('=');
					int slash = item.indexOf('/');
					if (eq < 0 || slash < eq) {
						continue;
					}
					String grantee = item.substring(0, eq);
					String rights = item.substring(eq + 1, slash);
					if (grantee.equals(owner)) {
						continue;
					}
					String to = grantee.isEmpty() ? "PUBLIC" : quoted(grantee);
					if (rights.contains("U")) {
						sql.append("GRANT USAGE ON SCHEMA public TO ").append(to).append(";\n");
					}
					if (rights.contains("C")) {
						sql.append("GRANT CREATE ON SCHEMA public TO ").append(to).append(";\n");
					}
				}
			}
		}
		return sql.toString();
	}

	/**
	 * The archive's SQL, but for a {@code CREATE SCHEMA public} (newer pg_dump versions write one for
	 * some servers): the drops made it already. Schemas come first in a dump, before any row data.
	 */
	private static void copyWithoutCreatingPublic(InputStream from, OutputStream to) throws IOException {
		BufferedReader reader = new BufferedReader(new InputStreamReader(from, StandardCharsets.UTF_8), 1 << 16);
		boolean inSchemas = true;
		String line;
		while ((line = reader.readLine()) != null) {
			if (inSchemas && line.startsWith("COPY ")) {
				inSchemas = false;
			}
			if (inSchemas && line.equals("CREATE SCHEMA public;")) {
				continue;
			}
			to.write(line.getBytes(StandardCharsets.UTF_8));
			to.write('\n');
		}
	}

	private static String quoted(String identifier) {
		return "\"" + identifier.replace("\"", "\"\"") + "\"";
	}

	private ProcessBuilder environment(ProcessBuilder builder) {
		Map<String, String> environment = builder.environment();
		if (this.target.password() != null) {
			environment.put("PGPASSWORD", this.target.password());
		}
		if (this.target.sslMode() != null) {
			environment.put("PGSSLMODE", this.target.sslMode());
		}
		environment.put("PGAPPNAME", "migrator restore");
		// the drops' "drop cascades to ..." notices are expected; errors still come through
		environment.put("PGOPTIONS", "-c client_min_messages=warning");
		return builder;
	}

	/** Runs a tool, feeding its input if given; returns its output, or throws with it when it fails. */
	private String run(List<String> command, Input input, String what) throws IOException {
		Process process = environment(new ProcessBuilder(command).redirectErrorStream(true)).start();
		CompletableFuture<String> output = drain(process.getInputStream());
		try (OutputStream in = process.getOutputStream()) {
			if (input != null) {
				input.write(in);
			}
		}
		catch (IOException ex) {
			// the tool stopped reading: it failed, and its output says why
		}
		int exit;
		try {
			if (!process.waitFor(30, TimeUnit.MINUTES)) {
				process.destroyForcibly();
				throw new MigratorException(what + " did not end in 30 minutes; it was stopped");
			}
			exit = process.exitValue();
		}
		catch (InterruptedException ex) {
			process.destroyForcibly();
			Thread.currentThread().interrupt();
			throw new MigratorException(what + " was interrupted", ex);
		}
		if (exit != 0) {
			throw new MigratorException(what + " failed (exit code " + exit + "): " + output.join().strip());
		}
		return output.join();
	}

	private static CompletableFuture<String> drain(InputStream stream) {
		// a thread of its own each: the common pool may have one thread, and both streams must be read at once
		return CompletableFuture.supplyAsync(() -> {
			try (stream) {
				return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
			}
			catch (IOException ex) {
				return "";
			}
		}, (task) -> {
			Thread thread = new Thread(task, "migrator-restore-output");
			thread.setDaemon(true);
			thread.start();
		});
	}

	@FunctionalInterface
	private interface Input {

		void write(OutputStream in) throws IOException;

	}

}
