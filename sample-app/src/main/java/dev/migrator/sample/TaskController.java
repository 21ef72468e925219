package dev.migrator.sample;

import java.util.List;
import java.util.Set;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** The tasks list over HTTP: list, add, mark done, delete. */
@RestController
@RequestMapping("/tasks")
class TaskController {

	private static final Set<String> PRIORITIES = Set.of("low", "normal", "high");

	private final TaskRepository tasks;

	TaskController(TaskRepository tasks) {
		this.tasks = tasks;
	}

	@GetMapping
	List<Task> list() {
		return this.tasks.findAll();
	}

	@PostMapping
	ResponseEntity<Task> add(@RequestBody NewTask task) {
		if (task.title() == null || task.title().isBlank()) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "a task needs a title");
		}
		String priority = (task.priority() != null) ? task.priority() : "normal";
		if (!PRIORITIES.contains(priority)) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "priority is low, normal or high");
		}
		return ResponseEntity.status(HttpStatus.CREATED).body(this.tasks.add(task.title().strip(), priority));
	}

	@PostMapping("/{id}/done")
	Task done(@PathVariable long id) {
		if (!this.tasks.markDone(id)) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no task " + id);
		}
		return this.tasks.findById(id).orElseThrow();
	}

	@DeleteMapping("/{id}")
	ResponseEntity<Void> delete(@PathVariable long id) {
		if (!this.tasks.delete(id)) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no task " + id);
		}
		return ResponseEntity.noContent().build();
	}

	/**
	 * A task to add.
	 *
	 * @param title what to do
	 * @param priority low, normal (the default) or high
	 */
	record NewTask(String title, String priority) {
	}

}
