package dev.migrator.sample;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import dev.migrator.autoconfigure.event.MigrationRunFinishedEvent;

/**
 * Fills an empty dashboard once the migrations have run (the starter's own event says when), so a
 * first start has something to show. Off with {@code dashboard.demo-data=false}.
 */
@Component
@ConditionalOnBooleanProperty(name = "dashboard.demo-data", matchIfMissing = true)
class DemoData {

	private final Dashboard dashboard;

	DemoData(Dashboard dashboard) {
		this.dashboard = dashboard;
	}

	@EventListener
	void onMigrated(MigrationRunFinishedEvent event) {
		if (event.isSucceeded() && !event.isDryRun() && "migrate".equals(event.getCommand()) && this.dashboard.isEmpty()) {
			this.dashboard.seed();
		}
	}

}
