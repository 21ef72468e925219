package dev.migrator.autoconfigure.event;

import dev.migrator.core.api.MigrationRun;

/** A migration was applied and committed (in a dry run: applied to the copy). */
public class MigrationAppliedEvent extends MigrationEvent {

	private final MigrationRun migration;

	public MigrationAppliedEvent(Object source, MigrationRun migration, boolean dryRun) {
		super(source, dryRun);
		this.migration = migration;
	}

	/** The migration that ran, with how long it took. */
	public MigrationRun getMigration() {
		return this.migration;
	}

}
