CREATE TABLE tasks (id INTEGER PRIMARY KEY, title TEXT NOT NULL);

-- migrate:down
DROP TABLE tasks;

-- migrate:verify
SELECT count(*) = 1 FROM sqlite_master WHERE type = 'table' AND name = 'tasks';
