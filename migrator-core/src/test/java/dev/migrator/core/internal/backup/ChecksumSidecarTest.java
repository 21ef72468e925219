package dev.migrator.core.internal.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChecksumSidecarTest {

	@TempDir
	Path dir;

	/** Read a megabyte at a time: sizes around and across the buffer's edge hash as sha256sum would. */
	@Test
	void checksumIsTheSha256OfEveryByteWhateverTheSize() throws Exception {
		Random random = new Random(17);
		for (int size : new int[] { 0, 1, (1 << 20) - 1, 1 << 20, (1 << 20) + 1, 2_500_001 }) {
			byte[] bytes = new byte[size];
			random.nextBytes(bytes);
			Path file = Files.write(this.dir.resolve("file-" + size), bytes);

			assertThat(ChecksumSidecar.compute(file)).as("%d bytes", size)
				.isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
		}
		assertThat(ChecksumSidecar.compute(Files.write(this.dir.resolve("abc"), "abc".getBytes())))
			.isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	}

}
