package dev.migrator.core.internal.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.migrator.core.api.LockTimeoutException;
import dev.migrator.core.testing.ChildJvm;
import dev.migrator.core.testing.TimingBounds;

/** The file lock between real, separate JVMs running {@link LockHoldingProcess}. */
class FileMigrationLockAcrossProcessesTest {

	private static final Duration STARTUP = Duration.ofSeconds(15);

	@TempDir
	Path dir;

	Path lockFile;

	FileMigrationLock lock;

	private final List<ChildJvm> children = new ArrayList<>();

	private final ExecutorService threads = Executors.newCachedThreadPool();

	@BeforeEach
	void setUp() {
		this.lockFile = this.dir.resolve("app.db" + FileMigrationLock.SUFFIX);
		this.lock = new FileMigrationLock(this.lockFile, this.dir.resolve("app.db").toString());
	}

	@AfterEach
	void stopEverything() throws InterruptedException {
		this.children.forEach(ChildJvm::close);
		this.threads.shutdownNow();
		this.threads.awaitTermination(5, TimeUnit.SECONDS);
	}

	private ChildJvm start(String name, String... args) throws Exception {
		ChildJvm child = ChildJvm.start(this.dir, name, LockHoldingProcess.class, args);
		this.children.add(child);
		return child;
	}

	/** A child that holds the lock for {@code holdMillis} ({@code -1}: until killed), once it has it. */
	private ChildJvm holdingChild(long holdMillis) throws Exception {
		ChildJvm child = start("holder", this.lockFile.toString(), "0", String.valueOf(holdMillis));
		assertThat(child.awaitLine("ACQUIRED", STARTUP)).isEqualTo("ACQUIRED " + child.pid() + " none");
		return child;
	}

	@Test
	void whileAnotherProcessHoldsItWaitersHereFailNamingThatProcess() throws Exception {
		ChildJvm child = holdingChild(-1);
		assertThat(this.lock.holder()).hasValueSatisfying((holder) -> assertThat(holder.pid()).isEqualTo(child.pid()));

		assertThatThrownBy(() -> this.lock.acquire(Duration.ofMillis(500)))
			.isInstanceOfSatisfying(LockTimeoutException.class, (ex) -> {
				assertThat(ex.holderPid()).hasValue(child.pid());
				assertThat(ex.holderHost()).contains(LockHolder.thisProcessNow().host());
				assertThat(ex.holderSince()).isPresent();
				assertThat(ex.getMessage()).contains("Timed out after", "pid " + child.pid(),
						"since " + ex.holderSince().get(), "if that process is gone, the lock frees itself")
					.doesNotContain("this very process");
			});

		// one thread here polls the file; another, queued behind it in this JVM, learns the holder from it
		Future<?> polling = this.threads.submit(() -> this.lock.acquire(Duration.ofSeconds(30)));
		Thread.sleep(500);
		assertThatThrownBy(() -> this.lock.acquire(Duration.ofMillis(300)))
			.isInstanceOfSatisfying(LockTimeoutException.class,
					(ex) -> assertThat(ex.holderPid()).hasValue(child.pid()));

		// interrupting the polling thread stops it, naming the other process
		polling.cancel(true);
		this.threads.shutdown();
		assertThat(this.threads.awaitTermination(3, TimeUnit.SECONDS)).isTrue();
		assertThat(child.process().isAlive()).isTrue();
		assertThatThrownBy(() -> this.lock.acquire(Duration.ZERO)).isInstanceOf(LockTimeoutException.class);
	}

	@Test
	void anInterruptWhilePollingTheFileStopsTheWaitWithTheFlagRestored() throws Exception {
		ChildJvm child = holdingChild(-1);
		Thread waiter = Thread.currentThread();
		this.threads.submit(() -> {
			Thread.sleep(400);
			waiter.interrupt();
			return null;
		});
		try {
			assertThatThrownBy(() -> this.lock.acquire(Duration.ofSeconds(30)))
				.isInstanceOf(LockTimeoutException.class)
				.hasMessageContaining("Interrupted after")
				.hasMessageContaining("pid " + child.pid());
			assertThat(Thread.currentThread().isInterrupted()).isTrue();
		}
		finally {
			Thread.interrupted();
		}
	}

	@Test
	void aHolderKilledWithSigkillIsTakenOverAtOnce() throws Exception {
		ChildJvm child = holdingChild(-1);
		Future<LockLease> waiter = this.threads.submit(() -> this.lock.acquire(Duration.ofSeconds(30)));
		Thread.sleep(300);
		assertThat(waiter).isNotDone();

		child.process().destroyForcibly();

		// 128 + 9: the JVM reports death by SIGKILL this way, so no shutdown hook or finally block ran
		assertThat(child.awaitExit(Duration.ofSeconds(60))).isEqualTo(137);
		LockLease lease = waiter.get(60, TimeUnit.SECONDS);
		try {
			assertThat(lease.tookOverFrom()).hasValueSatisfying((dead) -> {
				assertThat(dead.pid()).isEqualTo(child.pid());
				assertThat(dead.host()).isEqualTo(lease.holder().host());
			});
		}
		finally {
			lease.close();
		}
	}

	@Test
	void aLiveHolderIsNeverOvertakenHoweverLongItRuns() throws Exception {
		// there is no lease to expire: holding for seconds is the same as holding for hours
		ChildJvm child = holdingChild(3000);
		long start = System.nanoTime();

		try (LockLease lease = this.lock.acquire(Duration.ofSeconds(20))) {
			Duration waited = Duration.ofNanos(System.nanoTime() - start);
			assertThat(child.stdoutLines()).as("the child had started releasing").contains("RELEASING");
			if (TimingBounds.enforced()) {
				assertThat(waited).isGreaterThan(Duration.ofMillis(2500));
			}
			assertThat(lease.tookOverFrom()).isEmpty();
		}
		assertThat(child.awaitExit(Duration.ofMinutes(1))).isZero();
		assertThat(child.stdoutLines()).contains("RELEASED");
	}

	@Test
	void processesStartedTogetherHoldItOneAfterAnother() throws Exception {
		Path intervals = this.dir.resolve("intervals.txt");
		List<ChildJvm> runners = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			runners.add(start("runner-" + i, this.lockFile.toString(), "20000", "200", intervals.toString()));
		}
		for (ChildJvm runner : runners) {
			assertThat(runner.awaitExit(Duration.ofMinutes(2))).as(runner.output()).isZero();
		}

		List<String[]> held = Files.readAllLines(intervals, StandardCharsets.UTF_8)
			.stream()
			.map((line) -> line.split(" "))
			.sorted(Comparator.comparing((String[] fields) -> Instant.parse(fields[1])))
			.toList();
		assertThat(held).extracting((fields) -> Long.parseLong(fields[0]))
			.containsExactlyInAnyOrderElementsOf(runners.stream().map(ChildJvm::pid).toList());
		for (int i = 1; i < held.size(); i++) {
			Instant previousEnd = Instant.parse(held.get(i - 1)[2]);
			Instant start = Instant.parse(held.get(i)[1]);
			assertThat(start).as("runner %s started before runner %s ended", held.get(i)[0], held.get(i - 1)[0])
				.isAfterOrEqualTo(previousEnd);
		}
	}

	@Test
	void aWaitingProcessLogsTheHolderEveryFewSecondsThenFailsNamingIt() throws Exception {
		try (LockLease lease = this.lock.acquire(Duration.ZERO)) {
			ChildJvm child = start("waiter", this.lockFile.toString(), "5500", "0");
			// meanwhile a thread here queues for the lock and gives up; the lock must survive it
			assertThatThrownBy(() -> this.lock.acquire(Duration.ofSeconds(1))).isInstanceOf(LockTimeoutException.class);

			assertThat(child.awaitExit(Duration.ofMinutes(2))).as(child.output()).isEqualTo(3);
			String pid = "pid " + ProcessHandle.current().pid();
			String timeout = child.stdoutLines().stream().filter((line) -> line.startsWith("TIMEOUT ")).findFirst().orElse("");
			// the time it says is the time it waited: at least the 5.5 s, and more when the machine was busy
			Matcher waited = Pattern.compile("TIMEOUT Timed out after (\\d+\\.\\d)s waiting for the migration lock on test database")
				.matcher(timeout);
			assertThat(waited.lookingAt()).as(child.output()).isTrue();
			assertThat(Double.parseDouble(waited.group(1))).isGreaterThanOrEqualTo(5.5);
			assertThat(child.stdoutLines()).singleElement(InstanceOfAssertFactories.STRING)
				.contains("host " + lease.holder().host(), pid, "since " + lease.holder().since(),
						"migrator.lock.wait-timeout (now 5.5s)");
			// at once, then at most every 5 s: two lines in a 5.5 s wait, or one when the machine stalled the
			// waiter through the half second between the second line's time and the timeout (a count of
			// exactly 2 would depend on scheduling)
			assertThat(child.stderrLines()).filteredOn((line) -> line.contains("Waiting for the migration lock"))
				.as(child.output())
				.hasSizeBetween(1, 2)
				.allSatisfy((line) -> assertThat(line).contains("INFO", "held by host", pid));
		}
	}

}
