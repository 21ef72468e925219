package dev.migrator.autoconfigure.event;

/** A migrate or rollback run is starting. */
public class MigrationRunStartedEvent extends MigrationEvent {

	private final String command;

	public MigrationRunStartedEvent(Object source, String command, boolean dryRun) {
		super(source, dryRun);
		this.command = command;
	}

	/** "migrate" or "rollback". */
	public String getCommand() {
		return this.command;
	}

}
