package dev.migrator.core.api;

import java.nio.file.Path;
import java.util.List;

/**
 * What rewriting a folder into Migrator's own convention did: the new folder was read back and
 * holds the same migrations as the old one (versions, descriptions, SQL, transactions and downs).
 *
 * @param convention the convention the old folder is in, e.g. {@code goose}
 * @param migrations how many migrations were written
 * @param downs how many of them have a down
 * @param emptyDowns how many of those downs are empty or only comments ("nothing to undo")
 * @param checksumsChanged how many ups differ in text from what the engine read before (a
 * description or directive line was added), so a history taken from the old folder needs a repair
 * @param notes what a user should know about the new files
 * @param files the files written, in version order
 */
public record FolderConversion(String convention, Path from, Path to, int migrations, int downs, int emptyDowns,
		int checksumsChanged, List<String> notes, List<Path> files) {

	public FolderConversion {
		notes = List.copyOf(notes);
		files = List.copyOf(files);
	}

}
