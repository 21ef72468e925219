CREATE TABLE cp_one (id INTEGER);
-- migrate:down
DROP TABLE cp_one;
