-- Require a valid priority on every task
-- A table rebuild, since SQLite cannot add a NOT NULL or CHECK constraint to an existing column.
CREATE TABLE tasks_new (
	id INTEGER PRIMARY KEY,
	title TEXT NOT NULL,
	done INTEGER NOT NULL DEFAULT 0,
	created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
	priority TEXT NOT NULL DEFAULT 'normal' CHECK (priority IN ('low', 'normal', 'high'))
);
INSERT INTO tasks_new (id, title, done, created_at, priority)
	SELECT id, title, done, created_at, coalesce(priority, 'normal') FROM tasks;
DROP TABLE tasks;
ALTER TABLE tasks_new RENAME TO tasks;
CREATE INDEX tasks_by_done ON tasks (done, priority);
