package dev.migrator.core.internal.resolve;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.migrator.core.api.MigratorException;

/**
 * Writes a converted folder's files, each script with the directive lines its text alone would not
 * give, remembering every file so that a failure removes exactly what it wrote.
 */
final class FolderWriter {

	private final Path folder;

	private final boolean folderExisted;

	private final List<Path> written = new ArrayList<>();

	private int downs;

	private int emptyDowns;

	private int withoutTransaction;

	FolderWriter(Path folder) {
		this.folder = folder;
		this.folderExisted = Files.isDirectory(folder);
	}

	void write(ResolvedMigration migration) {
		String description = migration.description();
		String base = migration.version() + "_" + FolderConverter.fileWords(description);
		String upText = FolderConverter.text(migration.up());
		// the name gives the description unless the up's first line is a comment, which Migrator reads as one
		String fromName = FolderConverter.fileWords(description).replace('_', ' ').strip();
		String leading = ScriptText.description(upText);
		boolean describe = !description.isBlank()
				&& ((leading != null) ? !leading.equals(description) : !fromName.equals(description));
		write(base + ".sql", migration.up(), upText, describe ? "-- " + description : null);
		if (migration.down() != null) {
			String downText = FolderConverter.text(migration.down());
			write(base + ".down.sql", migration.down(), downText, null);
			this.downs++;
			if (!ScriptText.hasSql(downText)) {
				this.emptyDowns++;
			}
		}
		if (migration.verify() != null) {
			write(base + ".verify.sql", migration.verify(), FolderConverter.text(migration.verify()), null);
		}
	}

	/** Writes one script, with the directive lines its text alone would not give. */
	private void write(String name, SqlScript wanted, String text, String descriptionLine) {
		List<String> header = new ArrayList<>();
		if (descriptionLine != null) {
			header.add(descriptionLine);
		}
		SqlScript alone = ScriptText.parse(name, text, new ArrayList<>(), new ArrayList<>()).up();
		if (!wanted.transactional() && alone.transactional()) {
			header.add("-- migrator:" + ScriptText.NO_TRANSACTION);
			this.withoutTransaction++;
		}
		if (!Objects.equals(wanted.lockTimeout(), alone.lockTimeout()) && wanted.lockTimeout() != null) {
			header.add("-- migrator:" + ScriptText.LOCK_TIMEOUT + "=" + millis(wanted.lockTimeout()));
		}
		if (!Objects.equals(wanted.statementTimeout(), alone.statementTimeout()) && wanted.statementTimeout() != null) {
			header.add("-- migrator:" + ScriptText.STATEMENT_TIMEOUT + "=" + millis(wanted.statementTimeout()));
		}
		String lineBreak = text.contains("\r\n") ? "\r\n" : "\n";
		String content = header.isEmpty() ? text : String.join(lineBreak, header) + lineBreak + text;
		Path file = this.folder.resolve(name);
		try {
			Files.createDirectories(this.folder);
			// CREATE_NEW: never over a file, even one that appeared since the folder was found empty
			Files.writeString(file, content, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
					java.nio.file.StandardOpenOption.WRITE);
		}
		catch (IOException ex) {
			throw new MigratorException("Could not write " + file + ": " + ex.getMessage(), ex);
		}
		this.written.add(file);
	}

	void removeWritten() {
		for (Path file : this.written) {
			try {
				Files.deleteIfExists(file);
			}
			catch (IOException ex) {
				// best effort: the error that brought us here is the one to report
			}
		}
		if (!this.folderExisted) {
			try {
				Files.deleteIfExists(this.folder);
			}
			catch (IOException ex) {
				// not empty (someone else's files) or gone: leave it
			}
		}
	}

	List<Path> written() {
		return this.written;
	}

	int downs() {
		return this.downs;
	}

	int emptyDowns() {
		return this.emptyDowns;
	}

	/** How many scripts got a no-transaction directive their text alone did not give. */
	int withoutTransaction() {
		return this.withoutTransaction;
	}

	private static String millis(Duration duration) {
		return duration.toMillis() + "ms";
	}

}
