package dev.migrator.autoconfigure.event;

import dev.migrator.core.api.MigrationRun;

/** A migration was rolled back by its down. */
public class MigrationRolledBackEvent extends MigrationEvent {

	private final MigrationRun migration;

	public MigrationRolledBackEvent(Object source, MigrationRun migration, boolean dryRun) {
		super(source, dryRun);
		this.migration = migration;
	}

	/** The migration whose down ran, with how long it took. */
	public MigrationRun getMigration() {
		return this.migration;
	}

}
