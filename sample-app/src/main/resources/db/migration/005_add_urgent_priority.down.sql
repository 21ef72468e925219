-- Back to three priorities and no estimates: the reverse rebuild. Urgent tasks become high.
CREATE TABLE tasks_old (
	id INTEGER PRIMARY KEY,
	milestone_id INTEGER NOT NULL REFERENCES milestones (id) ON DELETE CASCADE,
	repository_id INTEGER REFERENCES repositories (id) ON DELETE SET NULL,
	title TEXT NOT NULL CHECK (length(trim(title)) > 0),
	status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress', 'done')),
	priority TEXT NOT NULL DEFAULT 'normal' CHECK (priority IN ('low', 'normal', 'high')),
	created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO tasks_old (id, milestone_id, repository_id, title, status, priority, created_at)
	SELECT id, milestone_id, repository_id, title, status,
		CASE priority WHEN 'urgent' THEN 'high' ELSE priority END, created_at FROM tasks;
DROP TABLE tasks;
ALTER TABLE tasks_old RENAME TO tasks;
CREATE INDEX tasks_open_by_priority ON tasks (priority, created_at) WHERE status <> 'done';
CREATE TRIGGER tasks_progress_insert AFTER INSERT ON tasks
BEGIN
	UPDATE milestones SET
		total_tasks = (SELECT count(*) FROM tasks WHERE milestone_id = NEW.milestone_id),
		completed_tasks = (SELECT count(*) FROM tasks WHERE milestone_id = NEW.milestone_id AND status = 'done')
	WHERE id = NEW.milestone_id;
	UPDATE milestones SET completion_percent = CASE WHEN total_tasks = 0 THEN 0 ELSE completed_tasks * 100 / total_tasks END
	WHERE id = NEW.milestone_id;
END;
CREATE TRIGGER tasks_progress_update AFTER UPDATE OF status, milestone_id ON tasks
BEGIN
	UPDATE milestones SET
		total_tasks = (SELECT count(*) FROM tasks WHERE milestone_id = milestones.id),
		completed_tasks = (SELECT count(*) FROM tasks WHERE milestone_id = milestones.id AND status = 'done')
	WHERE id IN (OLD.milestone_id, NEW.milestone_id);
	UPDATE milestones SET completion_percent = CASE WHEN total_tasks = 0 THEN 0 ELSE completed_tasks * 100 / total_tasks END
	WHERE id IN (OLD.milestone_id, NEW.milestone_id);
END;
CREATE TRIGGER tasks_progress_delete AFTER DELETE ON tasks
BEGIN
	UPDATE milestones SET
		total_tasks = (SELECT count(*) FROM tasks WHERE milestone_id = OLD.milestone_id),
		completed_tasks = (SELECT count(*) FROM tasks WHERE milestone_id = OLD.milestone_id AND status = 'done')
	WHERE id = OLD.milestone_id;
	UPDATE milestones SET completion_percent = CASE WHEN total_tasks = 0 THEN 0 ELSE completed_tasks * 100 / total_tasks END
	WHERE id = OLD.milestone_id;
END;
