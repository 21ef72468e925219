package dev.migrator.sample;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** The tasks table, through JdbcClient. */
@Repository
class TaskRepository {

	private static final String COLUMNS = "SELECT id, title, priority, done, created_at FROM tasks";

	private final JdbcClient jdbc;

	TaskRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	List<Task> findAll() {
		return this.jdbc.sql(COLUMNS + " ORDER BY done, CASE priority WHEN 'high' THEN 0 WHEN 'normal' THEN 1 ELSE 2 END, id")
			.query(Task.class)
			.list();
	}

	Optional<Task> findById(long id) {
		return this.jdbc.sql(COLUMNS + " WHERE id = ?").param(id).query(Task.class).optional();
	}

	Task add(String title, String priority) {
		KeyHolder key = new GeneratedKeyHolder();
		this.jdbc.sql("INSERT INTO tasks (title, priority) VALUES (?, ?)").params(title, priority).update(key);
		return findById(key.getKey().longValue()).orElseThrow();
	}

	boolean markDone(long id) {
		return this.jdbc.sql("UPDATE tasks SET done = 1 WHERE id = ?").param(id).update() == 1;
	}

	boolean delete(long id) {
		return this.jdbc.sql("DELETE FROM tasks WHERE id = ?").param(id).update() == 1;
	}

}
