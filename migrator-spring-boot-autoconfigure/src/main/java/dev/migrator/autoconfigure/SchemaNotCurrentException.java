package dev.migrator.autoconfigure;

import java.util.stream.Collectors;

import dev.migrator.core.api.InfoResult;

/**
 * With {@code migrator.mode=validate}: the database is not what the code expects (migrations pending,
 * or a history that differs from the code), and this application never changes it.
 */
public class SchemaNotCurrentException extends RuntimeException {

	SchemaNotCurrentException(InfoResult status) {
		super("The schema is not current (migrator.mode=validate never changes it): at version " + status.currentVersion()
				+ ", " + status.pending().size() + " pending ("
				+ status.pending().stream().map((info) -> String.valueOf(info.version())).collect(Collectors.joining(", "))
				+ ")" + (status.problems().isEmpty() ? "" : "; " + String.join("; ", status.problems())) + ".");
	}

	SchemaNotCurrentException(RuntimeException problems) {
		super("The schema does not match the code (migrator.mode=validate never changes it): " + problems.getMessage(),
				problems);
	}

}
