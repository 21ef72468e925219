-- Create the tasks list
CREATE TABLE tasks (
	id INTEGER PRIMARY KEY,
	title TEXT NOT NULL,
	done INTEGER NOT NULL DEFAULT 0,
	created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- migrate:down
DROP TABLE tasks;

-- migrate:verify
SELECT count(*) = 1 FROM sqlite_master WHERE type = 'table' AND name = 'tasks';
