package dev.migrator.core.internal.history;

import java.time.Instant;

import dev.migrator.core.api.MigrationType;
import dev.migrator.core.api.MigrationVersion;

/** One row of the history table: a version's current state. */
public record AppliedMigration(MigrationVersion version, String description, MigrationType type, String script,
		String checksum, Status status, Instant appliedAt, String appliedBy, long executionTimeMs) {

	public enum Status {

		APPLIED("applied"), FAILED("failed"), ROLLED_BACK("rolled_back");

		private final String value;

		Status(String value) {
			this.value = value;
		}

		public String value() {
			return this.value;
		}

		static Status of(String value) {
			for (Status status : values()) {
				if (status.value.equals(value)) {
					return status;
				}
			}
			return null;
		}

	}

	public AppliedMigration withStatus(Status newStatus, Instant at, long millis) {
		return new AppliedMigration(this.version, this.description, this.type, this.script, this.checksum, newStatus,
				at, this.appliedBy, millis);
	}

}
