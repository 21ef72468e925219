package dev.migrator.cli;

import java.io.IOException;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The embedded PostgreSQL server of this test JVM's ITs that need one, started on first use and
 * stopped when the JVM ends: one start (an {@code initdb} and a server) instead of one per class.
 * Each test works in a schema of its own, which is all its commands touch (a restore drops and
 * recreates only the configured schema).
 */
final class PostgresServer {

	private static EmbeddedPostgres server;

	private PostgresServer() {
	}

	static synchronized EmbeddedPostgres get() throws IOException {
		if (server == null) {
			EmbeddedPostgres started = EmbeddedPostgres.builder().start();
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				try {
					started.close();
				}
				catch (IOException ex) {
					// the JVM is going away; the server's temporary folder is the system's to clean
				}
			}, "stop-postgres"));
			server = started;
		}
		return server;
	}

}
