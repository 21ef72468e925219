package dev.migrator.core.api;

import java.util.List;

/**
 * A rollback was refused, nothing changed, because its downs would drop tables or columns that
 * hold data. The report says what; pass {@code allowDataLoss} to go ahead.
 */
public class DataLossException extends MigratorException {

	private final List<DataLoss> report;

	public DataLossException(String message, List<DataLoss> report) {
		super(message);
		this.report = List.copyOf(report);
	}

	/** What each down would remove. */
	public List<DataLoss> report() {
		return this.report;
	}

}
