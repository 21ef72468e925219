CREATE TABLE tasks (id INTEGER PRIMARY KEY, title TEXT);
INSERT INTO tasks (title) VALUES ('write the docs');
