-- Triggers that keep each milestone's task counts and completion percentage
CREATE FUNCTION recount_milestone(milestone BIGINT) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
	UPDATE milestones SET
		total_tasks = counts.total,
		completed_tasks = counts.completed,
		completion_percent = CASE WHEN counts.total = 0 THEN 0 ELSE counts.completed * 100 / counts.total END
	FROM (SELECT count(*) AS total, count(*) FILTER (WHERE status = 'done') AS completed
			FROM tasks WHERE milestone_id = milestone) AS counts
	WHERE id = milestone;
END;
$$;

CREATE FUNCTION tasks_progress() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP IN ('UPDATE', 'DELETE') THEN
		PERFORM recount_milestone(OLD.milestone_id);
	END IF;
	IF TG_OP IN ('INSERT', 'UPDATE') THEN
		PERFORM recount_milestone(NEW.milestone_id);
	END IF;
	RETURN NULL;
END;
$$;

CREATE TRIGGER tasks_progress AFTER INSERT OR DELETE OR UPDATE OF status, milestone_id ON tasks
	FOR EACH ROW EXECUTE FUNCTION tasks_progress();

-- Counters for tasks that existed before the trigger
SELECT recount_milestone(id) FROM milestones;

-- migrate:down
DROP TRIGGER tasks_progress ON tasks;
DROP FUNCTION tasks_progress();
DROP FUNCTION recount_milestone(BIGINT);

-- migrate:verify
SELECT count(*) = 1 FROM pg_trigger WHERE tgname = 'tasks_progress' AND NOT tgisinternal;
SELECT count(*) = 0 FROM milestones m
	WHERE m.total_tasks <> (SELECT count(*) FROM tasks t WHERE t.milestone_id = m.id);
