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
 * B1: one tool applies the whole generated set to an empty database; single shot, a fresh
 * database for every shot. A tool's first run creates its history tables, as a first start does.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ApplyBenchmark {

	@Param({ "sqlite", "postgresql" })
	public String engine;

	@Param({ "migrator", "flyway", "liquibase", "raw-jdbc" })
	public String tool;

	@Param({ "1000" })
	public int migrations;

	@Param({ "10" })
	public int rows;

	private MigrationTool migrationTool;

	private ToolContent content;

	private Path work;

	private BenchmarkDatabase database;

	private int shots;

	@Setup(Level.Trial)
	public void writeContent() {
		MigrationTool.quietPeers();
		this.migrationTool = MigrationTool.of(this.tool);
		this.work = Workspace.forFork("b1-" + this.engine + "-" + this.tool);
		this.content = ToolContent.write(GeneratedMigrations.smallTables(this.migrations, this.rows),
				this.work.resolve("content"));
	}

	@Setup(Level.Invocation)
	public void createDatabase() {
		this.database = BenchmarkDatabase.create(this.engine, "b1_" + this.tool.replace('-', '_') + "_" + (++this.shots),
				this.work);
	}

	@Benchmark
	public void apply() throws Exception {
		this.migrationTool.migrate(this.database, this.content);
	}

	/** Not measured: proof that the shot did the whole work, then the database goes. */
	@TearDown(Level.Invocation)
	public void checkAndDrop() throws Exception {
		try {
			this.database.requireLastTable(this.tool, this.migrations, this.rows);
		}
		finally {
			this.database.close();
		}
	}

	@TearDown(Level.Trial)
	public void deleteContent() throws Exception {
		BenchmarkDatabase.deleteTree(this.work);
	}

}
