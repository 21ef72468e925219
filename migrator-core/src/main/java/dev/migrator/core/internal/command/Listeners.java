package dev.migrator.core.internal.command;

import java.util.List;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.migrator.core.api.MigrationListener;

/** Tells every listener, each in turn; one that throws is logged and skipped, never failing the run. */
final class Listeners {

	private static final Logger logger = LoggerFactory.getLogger(Listeners.class);

	private final List<MigrationListener> listeners;

	Listeners(List<MigrationListener> listeners) {
		this.listeners = listeners;
	}

	void tell(Consumer<MigrationListener> event) {
		for (MigrationListener listener : this.listeners) {
			try {
				event.accept(listener);
			}
			catch (RuntimeException ex) {
				logger.warn("Migration listener {} failed; the run goes on", listener, ex);
			}
		}
	}

}
