-- The rebuilt table kept its rows' milestones consistent, its index and its three triggers.
SELECT count(*) = 1 FROM pragma_table_info('tasks') WHERE name = 'estimate_hours';
SELECT count(*) = 1 FROM sqlite_master WHERE type = 'index' AND name = 'tasks_open_by_priority';
SELECT count(*) = 3 FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'tasks';
SELECT count(*) = 0 FROM milestones m
	WHERE m.total_tasks <> (SELECT count(*) FROM tasks t WHERE t.milestone_id = m.id);
