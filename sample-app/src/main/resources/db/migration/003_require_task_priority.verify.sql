-- Every task has a valid priority, and the index is there.
SELECT count(*) = 0 FROM tasks WHERE priority NOT IN ('low', 'normal', 'high');
SELECT count(*) = 1 FROM sqlite_master WHERE type = 'index' AND name = 'tasks_by_done';
