package dev.migrator.core;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One project's history of migrations, of the kinds real projects have (tables, indexes, constraints,
 * data changes, triggers, functions, views, a table rebuild, empty downs, a comment-only placeholder),
 * written out in each tool's own convention: the same SQL, so every convention must give the same schema.
 */
final class ConventionFolders {

	/** One migration: a name in words, its up, and its down ("" for an empty one: "nothing to undo"). */
	record Step(String name, String up, String down, boolean block, boolean noTransaction) {

		Step(String name, String up, String down) {
			this(name, up, down, false, false);
		}

	}

	private ConventionFolders() {
	}

	static List<Step> sqlite() {
		List<Step> steps = new ArrayList<>();
		steps.add(new Step("create_users", """
				CREATE TABLE users (
				    id INTEGER PRIMARY KEY AUTOINCREMENT,
				    email TEXT NOT NULL UNIQUE,
				    name TEXT,
				    created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
				);
				""", "DROP TABLE users;\n"));
		steps.add(new Step("create_projects", """
				CREATE TABLE projects (
				    id INTEGER PRIMARY KEY,
				    owner_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
				    title TEXT NOT NULL CHECK (length(title) > 0),
				    updated_at TEXT
				);
				CREATE INDEX idx_projects_owner ON projects (owner_id);
				""", "DROP INDEX idx_projects_owner;\nDROP TABLE projects;\n"));
		steps.add(new Step("create_tasks", """
				CREATE TABLE tasks (
				    id INTEGER PRIMARY KEY,
				    project_id INTEGER NOT NULL REFERENCES projects (id),
				    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done')),
				    title TEXT NOT NULL
				);
				""", "DROP TABLE tasks;\n"));
		steps.add(new Step("seed_users", """
				INSERT INTO users (email, name, created_at) VALUES ('ada@example.com', 'Ada', '2024-01-01 10:00:00'),
				    ('linus@example.com', 'Linus; the second', '2024-01-02 10:00:00');
				INSERT INTO projects (id, owner_id, title) VALUES (1, 1, 'Engine'), (2, 2, 'Kernel');
				INSERT INTO tasks (project_id, title) VALUES (1, 'Design'), (1, 'Build -- carefully'), (2, 'Ship');
				""", "DELETE FROM tasks;\nDELETE FROM projects;\nDELETE FROM users;\n"));
		steps.add(new Step("add_users_active", "ALTER TABLE users ADD COLUMN active INTEGER NOT NULL DEFAULT 1;\n",
				"ALTER TABLE users DROP COLUMN active;\n"));
		steps.add(new Step("touch_projects_trigger", """
				CREATE TRIGGER projects_touch AFTER UPDATE OF title ON projects
				BEGIN
				    UPDATE projects SET updated_at = 'touched' WHERE id = NEW.id;
				END;
				""", "DROP TRIGGER projects_touch;\n", true, false));
		steps.add(new Step("rename_kernel", "UPDATE projects SET title = 'Kernel 2' WHERE id = 2;\n", ""));
		steps.add(new Step("open_tasks_view", """
				CREATE VIEW open_tasks AS
				    SELECT t.id, t.title, p.title AS project FROM tasks t JOIN projects p ON p.id = t.project_id
				    WHERE t.status = 'open';
				""", "DROP VIEW open_tasks;\n"));
		steps.add(new Step("placeholder_for_removed_change", "-- this change was reverted before release; kept so the versions stay\n", ""));
		steps.add(new Step("unique_task_titles", "CREATE UNIQUE INDEX uq_tasks_project_title ON tasks (project_id, title);\n",
				"DROP INDEX uq_tasks_project_title;\n"));
		steps.add(new Step("tags", """
				CREATE TABLE tags (name TEXT PRIMARY KEY);
				CREATE TABLE task_tags (
				    task_id INTEGER NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
				    tag TEXT NOT NULL REFERENCES tags (name),
				    PRIMARY KEY (task_id, tag)
				);
				INSERT INTO tags VALUES ('urgent'), ('later');
				""", "DROP TABLE task_tags;\nDROP TABLE tags;\n"));
		steps.add(new Step("rebuild_users_name_not_null", """
				CREATE TABLE users_new (
				    id INTEGER PRIMARY KEY AUTOINCREMENT,
				    email TEXT NOT NULL UNIQUE,
				    name TEXT NOT NULL DEFAULT '',
				    created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
				    active INTEGER NOT NULL DEFAULT 1
				);
				INSERT INTO users_new (id, email, name, created_at, active)
				    SELECT id, email, coalesce(name, ''), created_at, active FROM users;
				DROP TABLE users;
				ALTER TABLE users_new RENAME TO users;
				""", ""));
		steps.add(new Step("backfill_done", "UPDATE tasks SET status = 'done' WHERE title = 'Design';\n", ""));
		steps.add(new Step("audit_log", """
				CREATE TABLE audit_log (id INTEGER PRIMARY KEY, what TEXT NOT NULL, at TEXT);
				CREATE TRIGGER tasks_audit AFTER INSERT ON tasks
				BEGIN
				    INSERT INTO audit_log (what, at) VALUES ('task ' || NEW.title, 'now');
				END;
				""", "DROP TRIGGER tasks_audit;\nDROP TABLE audit_log;\n", true, false));
		return steps;
	}

	static List<Step> postgres() {
		List<Step> steps = new ArrayList<>();
		steps.add(new Step("create_users", """
				CREATE TABLE users (
				    id bigserial PRIMARY KEY,
				    email text NOT NULL UNIQUE,
				    name text,
				    created_at timestamptz NOT NULL DEFAULT now()
				);
				""", "DROP TABLE users;\n"));
		steps.add(new Step("task_status_type", "CREATE TYPE task_status AS ENUM ('open', 'done');\n",
				"DROP TYPE task_status;\n"));
		steps.add(new Step("create_projects", """
				CREATE TABLE projects (
				    id bigint PRIMARY KEY,
				    owner_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
				    title text NOT NULL CONSTRAINT title_not_empty CHECK (length(title) > 0),
				    updated_at timestamptz
				);
				CREATE INDEX idx_projects_owner ON projects (owner_id);
				""", "DROP TABLE projects;\n"));
		steps.add(new Step("create_tasks", """
				CREATE TABLE tasks (
				    id bigserial PRIMARY KEY,
				    project_id bigint NOT NULL REFERENCES projects (id),
				    status task_status NOT NULL DEFAULT 'open',
				    title text NOT NULL
				);
				""", "DROP TABLE tasks;\n"));
		steps.add(new Step("seed", """
				INSERT INTO users (email, name, created_at) VALUES ('ada@example.com', 'Ada', '2024-01-01 10:00:00'),
				    ('linus@example.com', 'Linus; the second', '2024-01-02 10:00:00');
				INSERT INTO projects (id, owner_id, title) VALUES (1, 1, 'Engine'), (2, 2, 'Kernel');
				INSERT INTO tasks (project_id, title) VALUES (1, 'Design'), (1, 'Build -- carefully'), (2, 'Ship');
				""", "DELETE FROM tasks;\nDELETE FROM projects;\nDELETE FROM users;\n"));
		steps.add(new Step("touch_function", """
				CREATE FUNCTION touch_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
				BEGIN
				    NEW.updated_at := '2024-01-03 10:00:00+00'; -- a semicolon inside the body
				    RETURN NEW;
				END;
				$$;
				""", "DROP FUNCTION touch_updated_at();\n", true, false));
		steps.add(new Step("touch_trigger", """
				CREATE TRIGGER projects_touch BEFORE UPDATE ON projects
				    FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
				""", "DROP TRIGGER projects_touch ON projects;\n"));
		steps.add(new Step("rename_kernel", "UPDATE projects SET title = 'Kernel 2' WHERE id = 2;\n", ""));
		steps.add(new Step("open_tasks_view", """
				CREATE VIEW open_tasks AS
				    SELECT t.id, t.title, p.title AS project FROM tasks t JOIN projects p ON p.id = t.project_id
				    WHERE t.status = 'open';
				""", "DROP VIEW open_tasks;\n"));
		steps.add(new Step("placeholder_for_removed_change", "-- reverted before release; kept so the versions stay\n", ""));
		steps.add(new Step("tasks_title_index_concurrently",
				"CREATE INDEX CONCURRENTLY idx_tasks_title ON tasks (title);\n",
				"DROP INDEX CONCURRENTLY idx_tasks_title;\n", false, true));
		steps.add(new Step("add_users_active", "ALTER TABLE users ADD COLUMN active boolean NOT NULL DEFAULT true;\n",
				"ALTER TABLE users DROP COLUMN active;\n"));
		steps.add(new Step("tags", """
				CREATE TABLE tags (name text PRIMARY KEY);
				CREATE TABLE task_tags (
				    task_id bigint NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
				    tag text NOT NULL REFERENCES tags (name),
				    PRIMARY KEY (task_id, tag)
				);
				INSERT INTO tags VALUES ('urgent'), ('later');
				""", "DROP TABLE task_tags;\nDROP TABLE tags;\n"));
		steps.add(new Step("backfill_done", "UPDATE tasks SET status = 'done' WHERE title = 'Design';\n", ""));
		steps.add(new Step("count_function", """
				CREATE FUNCTION open_task_count(p bigint) RETURNS bigint LANGUAGE sql STABLE AS $body$
				    SELECT count(*) FROM tasks WHERE project_id = p AND status = 'open';
				$body$;
				""", "DROP FUNCTION open_task_count(bigint);\n", true, false));
		return steps;
	}

	/**
	 * MariaDB and MySQL, written as golang-migrate's and dbmate's users write them: triggers, a
	 * procedure and a function with BEGIN ... END and no DELIMITER (those tools send a file whole),
	 * each alone in its step, so goose and sql-migrate wrap it in StatementBegin/End.
	 */
	static List<Step> mariadb() {
		List<Step> steps = new ArrayList<>();
		steps.add(new Step("create_users", """
				CREATE TABLE users (
				    id BIGINT AUTO_INCREMENT PRIMARY KEY,
				    email VARCHAR(255) NOT NULL UNIQUE,
				    name VARCHAR(100),
				    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
				) ENGINE=InnoDB;
				""", "DROP TABLE users;\n"));
		steps.add(new Step("create_projects", """
				CREATE TABLE projects (
				    id BIGINT PRIMARY KEY,
				    owner_id BIGINT NOT NULL,
				    title VARCHAR(200) NOT NULL,
				    updated_at DATETIME NULL,
				    CONSTRAINT fk_projects_owner FOREIGN KEY (owner_id) REFERENCES users (id) ON DELETE CASCADE,
				    CONSTRAINT title_not_empty CHECK (CHAR_LENGTH(title) > 0)
				) ENGINE=InnoDB;
				CREATE INDEX idx_projects_title ON projects (title);
				""", "DROP TABLE projects;\n"));
		steps.add(new Step("create_tasks", """
				CREATE TABLE tasks (
				    id BIGINT AUTO_INCREMENT PRIMARY KEY,
				    project_id BIGINT NOT NULL,
				    status ENUM('open', 'done') NOT NULL DEFAULT 'open',
				    title VARCHAR(200) NOT NULL,
				    FOREIGN KEY (project_id) REFERENCES projects (id)
				) ENGINE=InnoDB;
				""", "DROP TABLE tasks;\n"));
		steps.add(new Step("seed", """
				INSERT INTO users (email, name, created_at) VALUES ('ada@example.com', 'Ada', '2024-01-01 10:00:00'),
				    ('linus@example.com', 'Linus; the second', '2024-01-02 10:00:00');
				INSERT INTO projects (id, owner_id, title) VALUES (1, 1, 'Engine'), (2, 2, 'Kernel\\'s -- core');
				INSERT INTO tasks (project_id, title) VALUES (1, 'Design'), (1, "Build; carefully"), (2, 'Ship');
				""", "DELETE FROM tasks;\nDELETE FROM projects;\nDELETE FROM users;\n"));
		steps.add(new Step("touch_trigger", """
				CREATE TRIGGER projects_touch BEFORE UPDATE ON projects FOR EACH ROW
				BEGIN
				    IF NEW.title <> OLD.title THEN
				        SET NEW.updated_at = '2024-01-03 10:00:00';
				    END IF;
				END;
				""", "DROP TRIGGER projects_touch;\n", true, false));
		steps.add(new Step("rename_kernel", "UPDATE projects SET title = 'Kernel 2' WHERE id = 2;\n", ""));
		steps.add(new Step("open_tasks_view", """
				CREATE VIEW open_tasks AS
				    SELECT t.id, t.title, p.title AS project FROM tasks t JOIN projects p ON p.id = t.project_id
				    WHERE t.status = 'open';
				""", "DROP VIEW open_tasks;\n"));
		steps.add(new Step("placeholder_for_removed_change", "-- reverted before release; kept so the versions stay\n", ""));
		steps.add(new Step("add_users_active", "ALTER TABLE users ADD COLUMN active TINYINT(1) NOT NULL DEFAULT 1;\n",
				"ALTER TABLE users DROP COLUMN active;\n"));
		steps.add(new Step("close_done_procedure", """
				CREATE PROCEDURE close_done(IN p BIGINT)
				BEGIN
				    DECLARE n INT DEFAULT 0;
				    UPDATE tasks SET status = 'done' WHERE project_id = p AND status = 'open';
				    SET n = ROW_COUNT();
				    CASE WHEN n = 0 THEN SET n = -1; ELSE SET n = n + 0; END CASE;
				END;
				""", "DROP PROCEDURE close_done;\n", true, false));
		steps.add(new Step("close_kernel_tasks", "CALL close_done(2);\n", ""));
		steps.add(new Step("tags", """
				CREATE TABLE tags (name VARCHAR(50) PRIMARY KEY) ENGINE=InnoDB;
				CREATE TABLE task_tags (
				    task_id BIGINT NOT NULL,
				    tag VARCHAR(50) NOT NULL,
				    PRIMARY KEY (task_id, tag),
				    FOREIGN KEY (task_id) REFERENCES tasks (id) ON DELETE CASCADE,
				    FOREIGN KEY (tag) REFERENCES tags (name)
				) ENGINE=InnoDB;
				INSERT INTO tags VALUES ('urgent'), ('later');
				""", "DROP TABLE task_tags;\nDROP TABLE tags;\n"));
		steps.add(new Step("open_count_function", """
				CREATE FUNCTION open_task_count(p BIGINT) RETURNS BIGINT READS SQL DATA
				BEGIN
				    DECLARE c BIGINT;
				    SELECT count(*) INTO c FROM tasks WHERE project_id = p AND status = 'open';
				    RETURN c;
				END;
				""", "DROP FUNCTION open_task_count;\n", true, false));
		steps.add(new Step("audit_log", "CREATE TABLE audit_log (id BIGINT AUTO_INCREMENT PRIMARY KEY, what VARCHAR(250) NOT NULL);\n",
				"DROP TABLE audit_log;\n"));
		steps.add(new Step("tasks_audit_trigger", """
				CREATE TRIGGER tasks_audit AFTER INSERT ON tasks FOR EACH ROW
				BEGIN
				    INSERT INTO audit_log (what) VALUES (CONCAT('task ', NEW.title));
				END;
				""", "DROP TRIGGER tasks_audit;\n", true, false));
		steps.add(new Step("one_more_task", "INSERT INTO tasks (project_id, title) VALUES (1, 'Audit me');\n", ""));
		return steps;
	}

	/** Writes the steps into {@code dir} as the tool names and marks them. */
	static void write(String tool, Path dir, List<Step> steps) throws IOException {
		StringBuilder changelog = new StringBuilder("--liquibase formatted sql\n\n");
		for (int i = 0; i < steps.size(); i++) {
			Step step = steps.get(i);
			int n = i + 1;
			switch (tool) {
				case "migrator" -> {
					write(dir, String.format("%03d_%s.sql", n, step.name()), step.up());
					write(dir, String.format("%03d_%s.down.sql", n, step.name()), step.down());
				}
				case "flyway" -> {
					// Flyway's three ways of writing a version, side by side
					String version = (n % 3 == 0) ? "1." + n : (n % 3 == 1) ? "1_" + n : "1." + n + ".0";
					write(dir, "V" + version + "__" + step.name() + ".sql", step.up());
					write(dir, "U" + version + "__" + step.name() + ".sql", step.down());
				}
				case "golang-migrate" -> {
					write(dir, String.format("%06d_%s.up.sql", n, step.name()), step.up());
					write(dir, String.format("%06d_%s.down.sql", n, step.name()), step.down());
				}
				case "diesel" -> {
					String folder = String.format("2024-01-%02d-120000_%s", n, step.name());
					write(dir, folder + "/up.sql", step.up());
					write(dir, folder + "/down.sql", step.down());
				}
				case "dbmate" -> write(dir, String.format("202401%02d120000_%s.sql", n, step.name()),
						"-- migrate:up" + (step.noTransaction() ? " transaction:false" : "") + "\n" + step.up()
								+ "\n-- migrate:down" + (step.noTransaction() ? " transaction:false" : "") + "\n" + step.down());
				case "goose" -> write(dir, String.format("%05d_%s.sql", n, step.name()),
						(step.noTransaction() ? "-- +goose NO TRANSACTION\n" : "") + "-- +goose Up\n" + block(step, "goose", step.up())
								+ "\n-- +goose Down\n" + block(step, "goose", step.down()));
				case "sql-migrate" -> write(dir, String.format("%d_%s.sql", n, step.name()),
						"-- +migrate Up" + (step.noTransaction() ? " notransaction" : "") + "\n"
								+ block(step, "migrate", step.up()) + "\n-- +migrate Down\n" + block(step, "migrate", step.down()));
				case "liquibase" -> {
					changelog.append("--changeset dev:").append(n)
						.append(step.noTransaction() ? " runInTransaction:false" : "").append('\n')
						.append("--comment: ").append(step.name()).append('\n')
						.append(step.up());
					if (step.down().isEmpty()) {
						changelog.append("--rollback empty\n");
					}
					for (String line : step.down().split("\n")) {
						if (!line.isEmpty()) {
							changelog.append("--rollback ").append(line).append('\n');
						}
					}
					changelog.append('\n');
				}
				default -> throw new IllegalArgumentException(tool);
			}
		}
		if (tool.equals("liquibase")) {
			write(dir, "changelog.sql", changelog.toString());
		}
	}

	static final List<String> TOOLS = List.of("migrator", "flyway", "golang-migrate", "diesel", "dbmate", "goose",
			"sql-migrate", "liquibase");

	private static String block(Step step, String tool, String sql) {
		if (!step.block() || sql.isEmpty()) {
			return sql;
		}
		return "-- +" + tool + " StatementBegin\n" + sql + "-- +" + tool + " StatementEnd\n";
	}

	private static void write(Path dir, String name, String content) throws IOException {
		Path file = dir.resolve(name);
		Files.createDirectories(file.getParent());
		Files.writeString(file, content, StandardCharsets.UTF_8);
	}

}
