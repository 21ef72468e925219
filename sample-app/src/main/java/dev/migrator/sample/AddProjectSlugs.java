package dev.migrator.sample;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.text.Normalizer;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import org.springframework.stereotype.Component;

import dev.migrator.core.api.JavaMigration;
import dev.migrator.core.api.MigrationContext;

/**
 * Migration 6, a data migration in Java and a Spring bean: gives every project a URL slug made
 * from its name ("Payments API" → "payments-api"), unique, which is clumsy to compute in SQL.
 */
@Component
class AddProjectSlugs implements JavaMigration {

	@Override
	public String version() {
		return "006";
	}

	@Override
	public String description() {
		return "add project slugs";
	}

	@Override
	public void up(MigrationContext context) throws Exception {
		Connection connection = context.connection();
		try (Statement statement = connection.createStatement()) {
			statement.execute("ALTER TABLE projects ADD COLUMN slug VARCHAR(120)");
		}
		Set<String> taken = new HashSet<>();
		try (Statement select = connection.createStatement();
				ResultSet projects = select.executeQuery("SELECT id, name FROM projects ORDER BY id");
				PreparedStatement update = connection.prepareStatement("UPDATE projects SET slug = ? WHERE id = ?")) {
			while (projects.next()) {
				update.setString(1, unique(slug(projects.getString("name")), taken));
				update.setLong(2, projects.getLong("id"));
				update.executeUpdate();
			}
		}
		try (Statement statement = connection.createStatement()) {
			statement.execute("CREATE UNIQUE INDEX projects_slug ON projects (slug)");
		}
	}

	@Override
	public void down(MigrationContext context) throws SQLException {
		try (Statement statement = context.connection().createStatement()) {
			statement.execute("DROP INDEX projects_slug");
			statement.execute("ALTER TABLE projects DROP COLUMN slug");
		}
	}

	@Override
	public boolean verify(MigrationContext context) throws SQLException {
		try (Statement statement = context.connection().createStatement();
				ResultSet rows = statement.executeQuery(
						"SELECT count(*) FROM projects WHERE slug IS NULL OR slug = ''")) {
			return rows.next() && rows.getLong(1) == 0;
		}
	}

	static String slug(String name) {
		String ascii = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
		String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
		return slug.isEmpty() ? "project" : slug;
	}

	private static String unique(String slug, Set<String> taken) {
		String candidate = slug;
		for (int n = 2; !taken.add(candidate); n++) {
			candidate = slug + "-" + n;
		}
		return candidate;
	}

}
