package dev.migrator.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code --tenants} file: one tenant a line, {@code name=JDBC_URL}, optionally followed by
 * {@code schema=NAME} for a tenant that is a schema of a shared PostgreSQL database; {@code #} starts a comment.
 */
final class TenantsFile {

	private TenantsFile() {
	}

	static List<Line> read(Path file) {
		List<String> text;
		try {
			text = Files.readAllLines(file, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new BadInputException("Cannot read the --tenants file " + file + ": " + ex.getMessage());
		}
		List<Line> lines = new ArrayList<>();
		Set<String> names = new HashSet<>();
		for (int i = 0; i < text.size(); i++) {
			String line = text.get(i).strip();
			if (line.isEmpty() || line.startsWith("#")) {
				continue;
			}
			String where = file + ":" + (i + 1);
			String[] words = line.split("\\s+");
			int equals = words[0].indexOf('=');
			if (equals < 1 || words.length > 2 || (words.length == 2 && !words[1].startsWith("schema="))) {
				throw new BadInputException(where + ": '" + line + "' is not a tenant line; write name=JDBC_URL, e.g."
						+ " acme=jdbc:sqlite:tenants/acme.db, or add schema=NAME for a schema of a shared database");
			}
			String name = words[0].substring(0, equals);
			String url = words[0].substring(equals + 1);
			if (!url.startsWith("jdbc:")) {
				throw new BadInputException(where + ": '" + url + "' is not a JDBC URL: it starts with jdbc:, e.g. jdbc:sqlite:acme.db");
			}
			if (!names.add(name)) {
				throw new BadInputException(where + ": the tenant '" + name + "' is named twice; give each its own name");
			}
			lines.add(new Line(name, url, (words.length == 2) ? words[1].substring("schema=".length()) : null, where));
		}
		if (lines.isEmpty()) {
			throw new BadInputException("The --tenants file " + file + " names no tenant; write one name=JDBC_URL a line");
		}
		return lines;
	}

	/**
	 * One tenant.
	 *
	 * @param name how the output names it
	 * @param url its database
	 * @param schema its schema, or null
	 * @param where the file and line, for errors
	 */
	record Line(String name, String url, String schema, String where) {
	}

}
