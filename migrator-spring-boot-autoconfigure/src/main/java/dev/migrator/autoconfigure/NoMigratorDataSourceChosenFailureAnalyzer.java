package dev.migrator.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Says how to choose the database to migrate when the application has several DataSources. */
class NoMigratorDataSourceChosenFailureAnalyzer extends AbstractFailureAnalyzer<NoMigratorDataSourceChosenException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, NoMigratorDataSourceChosenException cause) {
		return new FailureAnalysis(cause.getMessage() + ".",
				"Choose one: annotate the DataSource bean to migrate with @MigratorDataSource (or mark the "
						+ "application's main one @Primary), or set migrator.url to the database to migrate. "
						+ "To start without migrating, set migrator.enabled=false.",
				cause);
	}

}
