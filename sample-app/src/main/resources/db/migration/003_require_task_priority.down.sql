CREATE TABLE tasks_old (
	id INTEGER PRIMARY KEY,
	title TEXT NOT NULL,
	done INTEGER NOT NULL DEFAULT 0,
	created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
	priority TEXT
);
INSERT INTO tasks_old (id, title, done, created_at, priority)
	SELECT id, title, done, created_at, priority FROM tasks;
DROP TABLE tasks;
ALTER TABLE tasks_old RENAME TO tasks;
