package dev.migrator.core.api;

import java.util.List;

/**
 * What rolling back one migration would remove: tables dropped with their row counts, columns
 * dropped with the number of rows holding a value.
 *
 * @param version the migration whose down would run
 * @param effects one line per loss, e.g. "drops table experiments (1,234 rows)"
 * @param rows how many rows of data the losses touch in all
 * @param unestimated whether a statement may destroy data in a form the estimate could not count
 * (its effect says "may lose data" and names the file and line)
 */
public record DataLoss(MigrationVersion version, List<String> effects, long rows, boolean unestimated) {

	public DataLoss {
		effects = List.copyOf(effects);
	}

	/** A loss every row of which was counted. */
	public DataLoss(MigrationVersion version, List<String> effects, long rows) {
		this(version, effects, rows, false);
	}

	/** Whether the down removes data that exists now, or may, where the estimate could not count. */
	public boolean losesData() {
		return this.rows > 0 || this.unestimated;
	}

	/** One line, e.g. "v12 -> v11: drops table experiments (1,234 rows)". */
	public String describe(MigrationVersion to) {
		return "v" + this.version + " -> v" + to + ": "
				+ (this.effects.isEmpty() ? "drops no table or column" : String.join(", ", this.effects));
	}

}
