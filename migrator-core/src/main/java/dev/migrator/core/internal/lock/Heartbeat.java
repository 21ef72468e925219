package dev.migrator.core.internal.lock;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A beat on a daemon thread of its own, every interval, while a lock is held: on a thread of its own
 * so that a migration running for hours, or blocked on the database, never delays it. A beat that
 * returns false ends it.
 */
final class Heartbeat {

	private final ScheduledExecutorService thread;

	private Heartbeat(ScheduledExecutorService thread) {
		this.thread = thread;
	}

	static Heartbeat every(Duration interval, String threadName, BooleanSupplier beat) {
		ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor((runnable) -> {
			Thread daemon = new Thread(runnable, threadName);
			daemon.setDaemon(true);
			return daemon;
		});
		long nanos = Math.max(interval.toNanos(), TimeUnit.MILLISECONDS.toNanos(10));
		thread.scheduleWithFixedDelay(() -> {
			if (!beat.getAsBoolean()) {
				thread.shutdown();
			}
		}, nanos, nanos, TimeUnit.NANOSECONDS);
		return new Heartbeat(thread);
	}

	/**
	 * Stops beating and waits for a beat in progress, without interrupting it: for a beat that writes
	 * through an interruptible channel, which an interrupt would close (and with it a file lock).
	 */
	void stopWithoutInterrupting() {
		this.thread.shutdown();
		awaitStopped();
	}

	/** Stops beating and waits for a beat in progress, even on a thread whose interrupt flag is set. */
	void stop() {
		this.thread.shutdownNow();
		awaitStopped();
	}

	// waits even when this thread's interrupt flag is set, and leaves the flag as it found it
	private void awaitStopped() {
		boolean interrupted = Thread.interrupted();
		try {
			this.thread.awaitTermination(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			interrupted = true;
		}
		finally {
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}
	}

}
