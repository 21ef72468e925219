package dev.migrator.cli;

import dev.migrator.core.Migrator;

/**
 * The {@code --classpath} setting, opened the first time a command reads migrations (listing or
 * restoring backups never needs the application's code) and closed when the command ends.
 */
final class ClasspathSetting implements AutoCloseable {

	private final String text;

	private final String origin;

	private MigrationClasspath opened;

	ClasspathSetting(String text, String origin) {
		this.text = text;
		this.origin = origin;
	}

	/** Reads migrations through the application's code: its class loader and its Java migrations. */
	void applyTo(Migrator.Builder builder) {
		if (this.opened == null) {
			this.opened = MigrationClasspath.open(this.text, this.origin);
		}
		builder.classLoader(this.opened.classLoader());
		builder.javaMigrations(this.opened.javaMigrations().toArray(dev.migrator.core.api.JavaMigration[]::new));
	}

	@Override
	public void close() {
		if (this.opened != null) {
			this.opened.close();
			this.opened = null;
		}
	}

}
