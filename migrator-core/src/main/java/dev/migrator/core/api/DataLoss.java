package dev.migrator.core.api;

import java.util.List;

/**
 * What rolling back one migration would remove: tables dropped with their row counts, columns
 * dropped with the number of rows holding a value.
 *
 * @param version the migration whose down would run
 * @param effects one line per loss, e.g. "drops table experiments (1,234 rows)"
 * @param rows how many rows of data the losses touch in all
 */
public record DataLoss(MigrationVersion version, List<String> effects, long rows) {

	public DataLoss {
		effects = List.copyOf(effects);
	}

	/** Whether the down removes data that exists now. */
	public boolean losesData() {
		return this.rows > 0;
	}

	/** One line, e.g. "v12 -> v11: drops table experiments (1,234 rows)". */
	public String describe(MigrationVersion to) {
		return "v" + this.version + " -> v" + to + ": "
				+ (this.effects.isEmpty() ? "drops no table or column" : String.join(", ", this.effects));
	}

}
