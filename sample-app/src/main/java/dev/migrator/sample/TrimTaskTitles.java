package dev.migrator.sample;

import java.sql.PreparedStatement;

import dev.migrator.core.api.JavaMigration;
import dev.migrator.core.api.MigrationContext;

import org.springframework.stereotype.Component;

/**
 * Migration 4, in Java and a Spring bean: trims the whitespace that early clients left around
 * titles. Its down does nothing, since trimmed titles are as good as the old ones.
 */
@Component
class TrimTaskTitles implements JavaMigration {

	@Override
	public String version() {
		return "4";
	}

	@Override
	public String description() {
		return "trim task titles";
	}

	@Override
	public void up(MigrationContext context) throws Exception {
		try (PreparedStatement update = context.connection()
			.prepareStatement("UPDATE tasks SET title = trim(title) WHERE title <> trim(title)")) {
			update.executeUpdate();
		}
	}

	@Override
	public void down(MigrationContext context) {
	}

	@Override
	public boolean verify(MigrationContext context) throws Exception {
		try (PreparedStatement check = context.connection()
			.prepareStatement("SELECT count(*) FROM tasks WHERE title <> trim(title)");
				var rows = check.executeQuery()) {
			return rows.next() && rows.getLong(1) == 0;
		}
	}

}
