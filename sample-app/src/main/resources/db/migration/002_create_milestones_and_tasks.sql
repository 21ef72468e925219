-- Milestones with their progress counters, and the tasks that make them up
CREATE TABLE milestones (
	id INTEGER PRIMARY KEY,
	project_id INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
	title TEXT NOT NULL,
	due_on TEXT,
	total_tasks INTEGER NOT NULL DEFAULT 0 CHECK (total_tasks >= 0),
	completed_tasks INTEGER NOT NULL DEFAULT 0 CHECK (completed_tasks >= 0 AND completed_tasks <= total_tasks),
	completion_percent INTEGER NOT NULL DEFAULT 0 CHECK (completion_percent BETWEEN 0 AND 100)
);

CREATE TABLE tasks (
	id INTEGER PRIMARY KEY,
	milestone_id INTEGER NOT NULL REFERENCES milestones (id) ON DELETE CASCADE,
	repository_id INTEGER REFERENCES repositories (id) ON DELETE SET NULL,
	title TEXT NOT NULL CHECK (length(trim(title)) > 0),
	status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress', 'done')),
	priority TEXT NOT NULL DEFAULT 'normal' CHECK (priority IN ('low', 'normal', 'high')),
	created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- migrate:down
DROP TABLE tasks;
DROP TABLE milestones;

-- migrate:verify
SELECT count(*) = 2 FROM sqlite_master WHERE type = 'table' AND name IN ('milestones', 'tasks');
