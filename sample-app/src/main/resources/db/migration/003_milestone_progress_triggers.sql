-- Triggers that keep each milestone's task counts and completion percentage
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

-- Counters for tasks that existed before the triggers
UPDATE milestones SET
	total_tasks = (SELECT count(*) FROM tasks WHERE milestone_id = milestones.id),
	completed_tasks = (SELECT count(*) FROM tasks WHERE milestone_id = milestones.id AND status = 'done');
UPDATE milestones SET completion_percent = CASE WHEN total_tasks = 0 THEN 0 ELSE completed_tasks * 100 / total_tasks END;

-- migrate:down
DROP TRIGGER tasks_progress_delete;
DROP TRIGGER tasks_progress_update;
DROP TRIGGER tasks_progress_insert;

-- migrate:verify
SELECT count(*) = 3 FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'tasks_progress_%';
SELECT count(*) = 0 FROM milestones m
	WHERE m.total_tasks <> (SELECT count(*) FROM tasks t WHERE t.milestone_id = m.id);
