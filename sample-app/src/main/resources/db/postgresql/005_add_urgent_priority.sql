-- Allow 'urgent' tasks and estimates in hours
-- PostgreSQL changes a CHECK constraint in place: no table rebuild as on SQLite.
ALTER TABLE tasks DROP CONSTRAINT tasks_priority_check;
ALTER TABLE tasks ADD CONSTRAINT tasks_priority_check CHECK (priority IN ('low', 'normal', 'high', 'urgent'));
ALTER TABLE tasks ADD COLUMN estimate_hours INTEGER CHECK (estimate_hours IS NULL OR estimate_hours > 0);

-- migrate:down
UPDATE tasks SET priority = 'high' WHERE priority = 'urgent';
ALTER TABLE tasks DROP COLUMN estimate_hours;
ALTER TABLE tasks DROP CONSTRAINT tasks_priority_check;
ALTER TABLE tasks ADD CONSTRAINT tasks_priority_check CHECK (priority IN ('low', 'normal', 'high'));

-- migrate:verify
SELECT count(*) = 1 FROM information_schema.columns
	WHERE table_schema = current_schema() AND table_name = 'tasks' AND column_name = 'estimate_hours';
SELECT pg_get_constraintdef(oid) LIKE '%urgent%' FROM pg_constraint WHERE conname = 'tasks_priority_check';
