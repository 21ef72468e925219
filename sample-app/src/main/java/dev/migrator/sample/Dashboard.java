package dev.migrator.sample;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The dashboard's data, through JdbcClient; the milestone counters are the triggers' work. */
@Repository
class Dashboard {

	private static final String TASK = "SELECT t.id, t.milestone_id, t.title, t.status, t.priority, t.estimate_hours, r.name AS repository"
			+ " FROM tasks t LEFT JOIN repositories r ON r.id = t.repository_id";

	private final JdbcClient jdbc;

	Dashboard(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	List<Project> projects() {
		return this.jdbc.sql("SELECT id, name, slug FROM projects ORDER BY name").query(Project.class).list();
	}

	List<Milestone> milestones() {
		return this.jdbc.sql("SELECT m.id, p.slug AS project, m.title, CAST(m.due_on AS VARCHAR(10)) AS due_on,"
				+ " m.total_tasks, m.completed_tasks,"
				+ " m.completion_percent FROM milestones m JOIN projects p ON p.id = m.project_id ORDER BY m.due_on, m.id")
			.query(Milestone.class)
			.list();
	}

	/** What is left to do, most pressing first: the query the partial index is for. */
	List<Task> openTasksByPriority() {
		return this.jdbc.sql(TASK + " WHERE t.status <> 'done' ORDER BY CASE t.priority WHEN 'urgent' THEN 0"
				+ " WHEN 'high' THEN 1 WHEN 'normal' THEN 2 ELSE 3 END, t.created_at, t.id")
			.query(Task.class)
			.list();
	}

	Optional<Task> task(long id) {
		return this.jdbc.sql(TASK + " WHERE t.id = ?").param(id).query(Task.class).optional();
	}

	long addTask(long milestoneId, String title, String priority, Integer estimateHours) {
		KeyHolder key = new GeneratedKeyHolder();
		this.jdbc.sql("INSERT INTO tasks (milestone_id, title, priority, estimate_hours) VALUES (?, ?, ?, ?)")
			.params(milestoneId, title, priority, estimateHours)
			.update(key, "id");
		return key.getKey().longValue();
	}

	boolean setStatus(long id, String status) {
		return this.jdbc.sql("UPDATE tasks SET status = ? WHERE id = ?").params(status, id).update() == 1;
	}

	boolean isEmpty() {
		return this.jdbc.sql("SELECT count(*) FROM projects").query(Long.class).single() == 0;
	}

	/** A project with two repositories, two milestones and a handful of tasks, so there is something to see. */
	@Transactional
	void seed() {
		this.jdbc.sql("INSERT INTO projects (id, name, slug) VALUES (1, 'Payments API', 'payments-api')").update();
		this.jdbc.sql("INSERT INTO repositories (project_id, name, url) VALUES (1, 'payments', 'https://git.example.com/payments'),"
				+ " (1, 'payments-docs', 'https://git.example.com/payments-docs')").update();
		this.jdbc.sql("INSERT INTO milestones (id, project_id, title, due_on) VALUES (1, 1, 'Beta', '2026-12-15'),"
				+ " (2, 1, 'General availability', '2027-02-01')").update();
		this.jdbc.sql("INSERT INTO tasks (milestone_id, repository_id, title, status, priority, estimate_hours) VALUES"
				+ " (1, 1, 'Idempotency keys on POST /payments', 'done', 'high', 8),"
				+ " (1, 1, 'Retry webhooks with backoff', 'in_progress', 'urgent', 5),"
				+ " (1, 2, 'Document error codes', 'open', 'normal', 3),"
				+ " (2, 1, 'Load test at 2k requests/s', 'open', 'high', 13),"
				+ " (2, 2, 'Migration guide from v1', 'open', 'low', NULL)").update();
	}

	record Project(long id, String name, String slug) {
	}

	record Milestone(long id, String project, String title, String dueOn, int totalTasks, int completedTasks,
			int completionPercent) {
	}

	record Task(long id, long milestoneId, String title, String status, String priority, Integer estimateHours,
			String repository) {
	}

}
