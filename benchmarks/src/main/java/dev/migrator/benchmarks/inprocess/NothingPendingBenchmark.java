package dev.migrator.benchmarks.inprocess;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import dev.migrator.benchmarks.content.GeneratedMigrations;
import dev.migrator.benchmarks.content.ToolContent;

/**
 * B2: what every application start pays when nothing is pending. The tool's database has the whole
 * set applied (by the tool itself, before measuring); each call is the tool's start-up entry point
 * from configuration to "up to date": read the migrations, check them against the history, take
 * and release what the tool locks.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class NothingPendingBenchmark {

	@Param({ "sqlite", "postgresql" })
	public String engine;

	@Param({ "migrator", "flyway", "liquibase", "raw-jdbc" })
	public String tool;

	@Param({ "100", "1000" })
	public int applied;

	@Param({ "10" })
	public int rows;

	private MigrationTool migrationTool;

	private ToolContent content;

	private Path work;

	private BenchmarkDatabase database;

	@Setup(Level.Trial)
	public void applyAll() throws Exception {
		MigrationTool.quietPeers();
		this.migrationTool = MigrationTool.of(this.tool);
		this.work = Workspace.forFork("b2-" + this.engine + "-" + this.tool + "-" + this.applied);
		this.content = ToolContent.write(GeneratedMigrations.smallTables(this.applied, this.rows),
				this.work.resolve("content"));
		this.database = BenchmarkDatabase.create(this.engine, "b2_" + this.tool.replace('-', '_') + "_" + this.applied,
				this.work);
		this.migrationTool.migrate(this.database, this.content);
	}

	@Benchmark
	public void start() throws Exception {
		this.migrationTool.migrate(this.database, this.content);
	}

	/** Proof that the calls measured applied nothing: the last table still has its rows, once. */
	@TearDown(Level.Trial)
	public void checkAndDrop() throws Exception {
		try {
			this.database.requireLastTable(this.tool, this.applied, this.rows);
		}
		finally {
			this.database.close();
			BenchmarkDatabase.deleteTree(this.work);
		}
	}

}
