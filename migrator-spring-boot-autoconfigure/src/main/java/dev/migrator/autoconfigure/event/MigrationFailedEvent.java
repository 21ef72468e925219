package dev.migrator.autoconfigure.event;

import dev.migrator.core.api.MigrationFailure;

/** A migration failed; the database was left as it was before it. */
public class MigrationFailedEvent extends MigrationEvent {

	private final MigrationFailure failure;

	public MigrationFailedEvent(Object source, MigrationFailure failure, boolean dryRun) {
		super(source, dryRun);
		this.failure = failure;
	}

	/** Which migration failed, where, and the database's message. */
	public MigrationFailure getFailure() {
		return this.failure;
	}

}
