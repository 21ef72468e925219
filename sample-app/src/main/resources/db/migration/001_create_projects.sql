-- Projects and the repositories their work lives in
CREATE TABLE projects (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL UNIQUE,
	created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE repositories (
	id INTEGER PRIMARY KEY,
	project_id INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
	name TEXT NOT NULL,
	url TEXT NOT NULL,
	UNIQUE (project_id, name)
);

-- migrate:down
DROP TABLE repositories;
DROP TABLE projects;

-- migrate:verify
SELECT count(*) = 2 FROM sqlite_master WHERE type = 'table' AND name IN ('projects', 'repositories');
