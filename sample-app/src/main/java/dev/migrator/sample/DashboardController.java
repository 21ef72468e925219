package dev.migrator.sample;

import java.util.List;
import java.util.Set;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** The dashboard over HTTP: projects, milestone progress, open tasks; add a task, move its status. */
@RestController
class DashboardController {

	private static final Set<String> PRIORITIES = Set.of("low", "normal", "high", "urgent");

	private static final Set<String> STATUSES = Set.of("open", "in_progress", "done");

	private final Dashboard dashboard;

	DashboardController(Dashboard dashboard) {
		this.dashboard = dashboard;
	}

	@GetMapping("/projects")
	List<Dashboard.Project> projects() {
		return this.dashboard.projects();
	}

	@GetMapping("/milestones")
	List<Dashboard.Milestone> milestones() {
		return this.dashboard.milestones();
	}

	@GetMapping("/tasks/open")
	List<Dashboard.Task> openTasks() {
		return this.dashboard.openTasksByPriority();
	}

	@PostMapping("/tasks")
	ResponseEntity<Dashboard.Task> add(@RequestBody NewTask task) {
		if (task.title() == null || task.title().isBlank()) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "a task needs a title");
		}
		String priority = (task.priority() != null) ? task.priority() : "normal";
		if (!PRIORITIES.contains(priority)) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "priority is low, normal, high or urgent");
		}
		long id = this.dashboard.addTask(task.milestoneId(), task.title().strip(), priority, task.estimateHours());
		return ResponseEntity.status(HttpStatus.CREATED).body(this.dashboard.task(id).orElseThrow());
	}

	@PostMapping("/tasks/{id}/status")
	Dashboard.Task status(@PathVariable long id, @RequestBody NewStatus status) {
		if (!STATUSES.contains(status.status())) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "status is open, in_progress or done");
		}
		if (!this.dashboard.setStatus(id, status.status())) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no task " + id);
		}
		return this.dashboard.task(id).orElseThrow();
	}

	record NewTask(long milestoneId, String title, String priority, Integer estimateHours) {
	}

	record NewStatus(String status) {
	}

}
