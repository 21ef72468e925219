CREATE TABLE tags (id INTEGER PRIMARY KEY);

-- the third statement names a table that is not there
INSERT INTO tags (id) VALUES (1);
INSERT INTO no_such_table (id) VALUES (1);
