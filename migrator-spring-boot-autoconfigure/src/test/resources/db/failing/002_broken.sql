-- refers to a table that does not exist
INSERT INTO no_such_table VALUES (1);
