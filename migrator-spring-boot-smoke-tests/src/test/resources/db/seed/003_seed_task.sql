INSERT INTO tasks (id, title, done) VALUES (99, 'seeded by a migration', FALSE);
