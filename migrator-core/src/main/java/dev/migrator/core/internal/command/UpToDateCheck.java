package dev.migrator.core.internal.command;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import dev.migrator.core.api.MigrationVersion;
import dev.migrator.core.internal.history.AppliedMigration.Status;
import dev.migrator.core.internal.history.HistoryStore.RowText;
import dev.migrator.core.internal.resolve.MigrationIndexFile;
import dev.migrator.core.internal.resolve.MigrationIndexFile.IndexedText;

/**
 * An up-to-date start in one comparison: the build-time index of the code's migrations (when fresh)
 * against the history's rows, read without their timestamps. It answers only "exactly equal": every
 * migration applied with its checksum, type and description, no other row (baseline, failed, rolled
 * back, unknown), and no migration the log records as applied without a row. Anything else, however
 * harmless, is left to {@link MigrationStates}, which reads the files and says what differs.
 * <p>
 * Both sides are compared as the texts they are stored as, parsing nothing: a version the history
 * spells otherwise than the code ({@code 001} for {@code 1}) is "not equal" here, and the full way,
 * which parses, decides. Only the current version is parsed, once.
 */
final class UpToDateCheck {

	private UpToDateCheck() {
	}

	/** The current version when the index and the history agree on everything; empty to take the full way. */
	static Optional<MigrationVersion> viaIndex(Session session) throws SQLException {
		Optional<List<IndexedText>> indexed = MigrationIndexFile.readFreshTexts(session.configuration());
		if (indexed.isEmpty() || indexed.get().isEmpty()) {
			return Optional.empty();
		}
		List<RowText> rows = session.history().rowTexts(session.connection());
		if (rows.size() != indexed.get().size()) {
			return Optional.empty();
		}
		Map<String, IndexedText> byVersion = new HashMap<>(indexed.get().size() * 2);
		String current = null;
		for (IndexedText code : indexed.get()) {
			if (byVersion.put(code.version(), code) != null) {
				return Optional.empty();
			}
			// the index lists the migrations in version order, repeatables (R__...) last
			if (!code.version().startsWith("R__")) {
				current = code.version();
			}
		}
		String applied = Status.APPLIED.value();
		for (RowText row : rows) {
			// each row matches a code migration of its own: versions are unique on both sides, and as many
			IndexedText code = (row.version() != null) ? byVersion.remove(row.version()) : null;
			if (code == null || !applied.equals(row.status()) || !code.type().equalsIgnoreCase(row.type())
					|| !Objects.equals(code.checksum(), row.checksum()) || !Objects.equals(code.description(), row.description())) {
				return Optional.empty();
			}
		}
		if (!byVersion.isEmpty() || session.history().appliedButMissingAnyByText(session.connection())) {
			return Optional.empty();
		}
		try {
			return Optional.of((current != null) ? MigrationVersion.parseRecorded(current) : MigrationVersion.EMPTY);
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

}
