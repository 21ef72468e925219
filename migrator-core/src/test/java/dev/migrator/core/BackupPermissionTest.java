package dev.migrator.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.migrator.core.internal.backup.DumpTool;
import dev.migrator.core.testing.PostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backups hold all the data, so every file the engine writes among them is 0600 and every folder
 * it creates for them 0700, even when the process runs under {@code umask 000}, where a file
 * created without an explicit mode would be readable and writable by everyone.
 */
class BackupPermissionTest {

	@TempDir
	Path dir;

	@Test
	void everyBackupFileIs0600AndEveryBackupFolder0700UnderAPermissiveUmask() throws Exception {
		assumeThat(Files.getFileStore(this.dir).supportsFileAttributeView(PosixFileAttributeView.class)).isTrue();
		boolean pgDump = DumpTool.find(null, "pg_dump", System.getenv("PATH")).isPresent();
		String schema = pgDump ? PostgresServer.newSchema("permissions") : null;
		Path output = this.dir.resolve("child.log");
		Path work = Files.createDirectories(this.dir.resolve("work"));
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		List<String> command = new java.util.ArrayList<>(List.of("sh", "-c", "umask 000 && exec \"$@\"", "sh", java,
				"-cp", classPath, BackupPermissionChild.class.getName(), work.toString()));
		if (pgDump) {
			command.addAll(List.of(PostgresServer.url(schema), schema));
		}
		Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
		assertThat(child.waitFor(3, TimeUnit.MINUTES)).as("the child finished").isTrue();
		String log = Files.readString(output);
		assertThat(child.exitValue()).as(log).isZero();
		assertThat(log).as("a plain file in the child is world-writable: the umask really was 000")
			.contains("UMASK-PROBE rw-rw-rw-");

		Path backups = work.resolve("backups");
		List<Path> files;
		List<Path> folders;
		try (Stream<Path> all = Files.walk(backups)) {
			List<Path> everything = all.toList();
			files = everything.stream().filter(Files::isRegularFile).toList();
			folders = everything.stream().filter(Files::isDirectory).toList();
		}
		assertThat(files).extracting((file) -> file.getFileName().toString())
			.anyMatch((name) -> name.endsWith(".db.gz"))
			.anyMatch((name) -> name.endsWith(".sha256"))
			.anyMatch((name) -> name.endsWith(".db"));
		if (pgDump) {
			assertThat(files).anyMatch((file) -> file.startsWith(backups.resolve("postgresql")));
		}
		assertThat(files).allSatisfy((file) -> assertThat(mode(file)).as(file.toString()).isEqualTo("rw-------"));
		assertThat(folders).contains(backups, backups.resolve("nested"), backups.resolve("nested/compressed"))
			.allSatisfy((folder) -> assertThat(mode(folder)).as(folder.toString()).isEqualTo("rwx------"));
	}

	private static String mode(Path path) throws java.io.IOException {
		return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
	}

}
