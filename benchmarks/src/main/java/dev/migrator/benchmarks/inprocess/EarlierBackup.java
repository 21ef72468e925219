package dev.migrator.benchmarks.inprocess;

import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;

/**
 * The SQLite backup store of an earlier build of the engine, loaded from its classes beside this
 * build's in one JVM, so that B4 measures both in turn on the same file and page cache.
 */
final class EarlierBackup {

	/** The classes (a class path) of the earlier migrator-core. */
	static final String PROPERTY = "migrator.benchmarks.before";

	private static final String STORE = "dev.migrator.core.internal.backup.SqliteBackupStore";

	private final Object store;

	private final Method backup;

	private EarlierBackup(Object store, Method backup) {
		this.store = store;
		this.backup = backup;
	}

	/** The earlier build's store writing into {@code backups}, or null without the property. */
	static EarlierBackup fromProperty(Path backups) {
		String classPath = System.getProperty(PROPERTY);
		if (classPath == null || classPath.isBlank()) {
			return null;
		}
		try {
			String[] entries = classPath.split(File.pathSeparator);
			URL[] urls = new URL[entries.length];
			for (int i = 0; i < entries.length; i++) {
				urls[i] = Path.of(entries[i]).toUri().toURL();
			}
			ClassLoader loader = new EngineFirst(urls, EarlierBackup.class.getClassLoader());
			Class<?> settingsType = loader.loadClass("dev.migrator.core.internal.backup.BackupSettings");
			Object settings = settingsType.getMethod("in", Path.class).invoke(null, backups);
			Class<?> storeType = loader.loadClass(STORE);
			Object store = storeType.getConstructor(settingsType, Clock.class).newInstance(settings, Clock.systemUTC());
			return new EarlierBackup(store, storeType.getMethod("backup", Connection.class, String.class));
		}
		catch (ReflectiveOperationException | MalformedURLException ex) {
			throw new IllegalStateException("cannot load the earlier engine from " + classPath + ": " + ex, ex);
		}
	}

	/** Takes a backup the earlier build's way; returns its id. */
	String backup(Connection connection) {
		try {
			Object info = this.backup.invoke(this.store, connection, "1");
			return (String) info.getClass().getMethod("id").invoke(info);
		}
		catch (InvocationTargetException ex) {
			throw new IllegalStateException("the earlier build's backup failed: " + ex.getCause(), ex.getCause());
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Loads the engine's classes from the earlier build, everything else (driver, logging) as usual. */
	private static final class EngineFirst extends URLClassLoader {

		EngineFirst(URL[] urls, ClassLoader parent) {
			super(urls, parent);
		}

		@Override
		protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
			if (!name.startsWith("dev.migrator.core.")) {
				return super.loadClass(name, resolve);
			}
			synchronized (getClassLoadingLock(name)) {
				Class<?> loaded = findLoadedClass(name);
				if (loaded == null) {
					loaded = findClass(name);
				}
				if (resolve) {
					resolveClass(loaded);
				}
				return loaded;
			}
		}

	}

}
