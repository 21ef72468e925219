package dev.migrator.autoconfigure.event;

import org.springframework.context.ApplicationEvent;

/**
 * Base of the application events Migrator publishes about a migrate or rollback run; listen to it
 * to hear them all.
 */
public abstract class MigrationEvent extends ApplicationEvent {

	private final boolean dryRun;

	protected MigrationEvent(Object source, boolean dryRun) {
		super(source);
		this.dryRun = dryRun;
	}

	/** Whether the run works on a copy of the database, leaving the real one untouched. */
	public boolean isDryRun() {
		return this.dryRun;
	}

}
