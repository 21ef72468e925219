package dev.migrator.core;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.util.Set;

/**
 * Prints each bad-input case's outcome as a line, {@code [bad-input] Class.case => Type: message},
 * so the table in docs/RELIABILITY.md, "Bad input: the database and its environment" quotes real messages from a run;
 * and what the cases that must not leak a password share.
 */
final class BadInputEnvironmentReport {

	/** The test classes' own helpers, skipped when looking for the case's name. */
	private static final Set<String> HELPERS = Set.of("print", "migrate", "restore", "attempt", "lambda$migrate$0");

	private BadInputEnvironmentReport() {
	}

	/** A local port nothing listens on (it was free a moment ago): a host that refuses connections. */
	static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	/** The whole stack trace, causes included, as a log would show it: a secret must not be in it either. */
	static String stackTrace(Throwable thrown) {
		StringWriter trace = new StringWriter();
		thrown.printStackTrace(new PrintWriter(trace));
		return trace.toString();
	}

	static void print(Class<?> testClass, Throwable outcome) {
		String testCase = StackWalker.getInstance()
			.walk((frames) -> frames.filter((f) -> f.getClassName().startsWith("dev.migrator.core.BadInputEnvironment")
					&& !f.getClassName().equals(BadInputEnvironmentReport.class.getName())
					&& !HELPERS.contains(f.getMethodName()) && !f.getMethodName().startsWith("lambda$"))
				.findFirst()
				.map(StackWalker.StackFrame::getMethodName)
				.orElse("?"));
		String text = (outcome == null) ? "no error" : outcome.getClass().getSimpleName() + ": " + outcome.getMessage();
		System.out.println("[bad-input] " + testClass.getSimpleName() + "." + testCase + " => "
				+ text.replace(System.lineSeparator(), " / "));
	}

}
