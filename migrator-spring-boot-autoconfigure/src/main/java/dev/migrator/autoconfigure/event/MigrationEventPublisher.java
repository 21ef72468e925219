package dev.migrator.autoconfigure.event;

import dev.migrator.core.api.MigrationFailure;
import dev.migrator.core.api.MigrationListener;
import dev.migrator.core.api.MigrationRun;
import dev.migrator.core.api.RunResult;

import org.springframework.context.ApplicationEventPublisher;

/** Turns what the engine's runs do into {@link MigrationEvent application events}. */
public class MigrationEventPublisher implements MigrationListener {

	private final ApplicationEventPublisher publisher;

	public MigrationEventPublisher(ApplicationEventPublisher publisher) {
		this.publisher = publisher;
	}

	@Override
	public void runStarted(String command, boolean dryRun) {
		this.publisher.publishEvent(new MigrationRunStartedEvent(this, command, dryRun));
	}

	@Override
	public void migrationApplied(MigrationRun run, boolean dryRun) {
		this.publisher.publishEvent(new MigrationAppliedEvent(this, run, dryRun));
	}

	@Override
	public void migrationRolledBack(MigrationRun run, boolean dryRun) {
		this.publisher.publishEvent(new MigrationRolledBackEvent(this, run, dryRun));
	}

	@Override
	public void migrationFailed(MigrationFailure failure, boolean dryRun) {
		this.publisher.publishEvent(new MigrationFailedEvent(this, failure, dryRun));
	}

	@Override
	public void runFinished(String command, RunResult result, Throwable failure) {
		this.publisher.publishEvent(new MigrationRunFinishedEvent(this, command, result, failure));
	}

}
