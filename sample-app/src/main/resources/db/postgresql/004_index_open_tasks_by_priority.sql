-- An index for the dashboard's "open tasks by priority" query
CREATE INDEX tasks_open_by_priority ON tasks (priority, created_at) WHERE status <> 'done';

-- migrate:down
DROP INDEX tasks_open_by_priority;

-- migrate:verify
SELECT count(*) = 1 FROM pg_indexes WHERE schemaname = current_schema() AND indexname = 'tasks_open_by_priority';
