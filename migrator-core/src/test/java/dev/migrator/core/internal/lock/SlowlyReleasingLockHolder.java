package dev.migrator.core.internal.lock;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A holder of the file lock in a JVM of its own, written the way a releasing runner behaves, with the
 * release's window held open: it writes its identity and counts a beat every 100 ms until the marker
 * file appears, then empties the file (as a release does first), says {@code EMPTIED}, and only after
 * the given milliseconds lets the OS lock go and says {@code RELEASED}. Arguments: the lock file, the
 * marker, the window in milliseconds. Prints {@code HOLDING <pid>} once it holds the lock.
 */
public final class SlowlyReleasingLockHolder {

	private SlowlyReleasingLockHolder() {
	}

	public static void main(String[] args) throws Exception {
		Path lockFile = Path.of(args[0]);
		Path marker = Path.of(args[1]);
		long windowMillis = Long.parseLong(args[2]);
		LockHolder self = LockHolder.thisProcessNow();
		try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
				StandardOpenOption.WRITE); FileLock lock = channel.lock()) {
			long beats = 0;
			write(channel, self.toText() + "beat=" + beats + "\n");
			System.out.println("HOLDING " + ProcessHandle.current().pid());
			while (!Files.exists(marker)) {
				Thread.sleep(100);
				write(channel, self.toText() + "beat=" + ++beats + "\n");
			}
			channel.truncate(0);
			System.out.println("EMPTIED");
			Thread.sleep(windowMillis);
			lock.release();
			System.out.println("RELEASED");
		}
	}

	private static void write(FileChannel channel, String text) throws Exception {
		ByteBuffer buffer = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
		while (buffer.hasRemaining()) {
			channel.write(buffer, buffer.position());
		}
		channel.truncate(buffer.limit());
	}

}
