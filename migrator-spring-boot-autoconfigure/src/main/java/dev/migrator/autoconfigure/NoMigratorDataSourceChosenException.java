package dev.migrator.autoconfigure;

import java.util.List;

/**
 * The application has several DataSources, none of them {@code @Primary} or {@code @MigratorDataSource},
 * and no {@code migrator.url}: Migrator will not guess which database to migrate.
 */
public class NoMigratorDataSourceChosenException extends IllegalStateException {

	private final List<String> candidates;

	NoMigratorDataSourceChosenException(List<String> candidates) {
		super("Migrator found " + candidates.size() + " DataSource beans (" + String.join(", ", candidates)
				+ ") and none is marked @Primary or @MigratorDataSource, so it does not know which database to migrate");
		this.candidates = List.copyOf(candidates);
	}

	/** @return the names of the DataSource beans Migrator could have migrated */
	public List<String> candidates() {
		return this.candidates;
	}

}
