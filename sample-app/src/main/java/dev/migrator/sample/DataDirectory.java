package dev.migrator.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;

/** Creates the directory the SQLite file goes in ({@code dashboard.data-dir}), since SQLite will not. */
class DataDirectory implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

	@Override
	public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
		Path directory = Path.of(event.getEnvironment().getProperty("dashboard.data-dir", "data"));
		try {
			Files.createDirectories(directory);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create the data directory " + directory.toAbsolutePath(), ex);
		}
	}

}
