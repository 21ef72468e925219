package dev.migrator.core.internal.dialect;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import javax.sql.DataSource;

/** A throwaway copy of the database for a dry run; closing it deletes every file of it. */
public final class DatabaseCopy implements AutoCloseable {

	private final DataSource dataSource;

	private final Path directory;

	DatabaseCopy(DataSource dataSource, Path directory) {
		this.dataSource = dataSource;
		this.directory = directory;
	}

	/** Connections to the copy. */
	public DataSource dataSource() {
		return this.dataSource;
	}

	@Override
	public void close() {
		try (Stream<Path> files = Files.walk(this.directory)) {
			for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(file);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not delete the dry run's copy in " + this.directory, ex);
		}
	}

}
