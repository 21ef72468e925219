package dev.migrator.benchmarks.inprocess;

import java.nio.file.Path;

/** Where the benchmarks write: one folder per fork, under -Dmigrator.benchmarks.work (default target/benchin-work). */
final class Workspace {

	static final String PROPERTY = "migrator.benchmarks.work";

	private Workspace() {
	}

	static Path root() {
		return Path.of(System.getProperty(PROPERTY, "target/benchin-work")).toAbsolutePath();
	}

	/** A folder for this JVM alone: JMH forks one JVM per case, possibly over an older one's leftovers. */
	static Path forFork(String name) {
		return root().resolve(name + "-" + ProcessHandle.current().pid());
	}

}
