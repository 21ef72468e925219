package dev.migrator.core.internal.resolve;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The checksums Liquibase records (DATABASECHANGELOG.MD5SUM) for the changesets of a formatted SQL
 * file, recomputed, so that adopting its history finds a changeset changed since Liquibase ran it.
 */
public final class LiquibaseChecksums {

	private LiquibaseChecksums() {
	}

	/**
	 * Each changeset's checksum by {@code author:id}; empty when the text is not Liquibase formatted SQL
	 * (a folder already converted into Migrator's own convention).
	 */
	public static Map<String, String> of(String name, String text) {
		Map<String, String> checksums = new LinkedHashMap<>();
		if (!LiquibaseSql.recognise(text)) {
			return checksums;
		}
		for (LiquibaseSql.Changeset changeset : LiquibaseSql.read(name, text, new ArrayList<>())) {
			checksums.put(changeset.author() + ":" + changeset.id(), changeset.liquibaseChecksum());
		}
		return checksums;
	}

}
