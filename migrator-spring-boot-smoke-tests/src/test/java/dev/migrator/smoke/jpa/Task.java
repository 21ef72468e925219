package dev.migrator.smoke.jpa;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The entity the migrations create the table for; Hibernate validates one against the other. */
@Entity
@Table(name = "tasks")
public class Task {

	@Id
	private Long id;

	private String title;

	private boolean done;

	protected Task() {
	}

	public Task(Long id, String title) {
		this.id = id;
		this.title = title;
	}

	public Long getId() {
		return this.id;
	}

	public String getTitle() {
		return this.title;
	}

	public boolean isDone() {
		return this.done;
	}

}
