package dev.migrator.core.internal.resolve;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.migrator.core.api.MigratorException;

/**
 * The scripts below a {@code filesystem:} location, laid out as deployments lay them out: the location,
 * or a folder below it, may be a symbolic link (a Kubernetes ConfigMap mount, a release folder), and is
 * followed, each real folder once (a link back up would loop, and a second link to a folder already read
 * would list its scripts twice). Names starting with a dot are not migrations and are not entered: a
 * ConfigMap's {@code ..data} and {@code ..2026_12_01_…} hold the same files its top-level links point
 * at, and {@code .git} holds nothing of ours.
 * <p>
 * A script that is a link to a file outside the location is read from its target, and the target is
 * logged at INFO: layouts that link scripts in from elsewhere (stow, Nix, release folders) are common, a
 * link adds no power over the location that planting a file would not, and the checksum covers what the
 * target holds, so a changed target shows as a changed migration. A dangling link is an error.
 */
final class FilesystemWalk {

	/** Says whether a file is a script (noting near-misses): {@link LocationScanner}'s rule. */
	interface ScriptFilter {

		boolean isSql(String fileName, String displayName);

	}

	private static final Logger logger = LoggerFactory.getLogger(FilesystemWalk.class);

	private final Path root;

	private final Location location;

	private final ScriptFilter filter;

	private final Set<Path> realFolders = new HashSet<>();

	/** The root as text, and with the separator after it: a walked file's name is what follows. */
	private final String rootText;

	private final String rootPrefix;

	FilesystemWalk(Path root, Location location, ScriptFilter filter) {
		this.root = root;
		this.rootText = root.toString();
		this.rootPrefix = this.rootText + root.getFileSystem().getSeparator();
		this.location = location;
		this.filter = filter;
	}

	void run(List<ScriptResource> found) {
		try {
			Path realRoot = this.root.toRealPath();
			Files.walkFileTree(this.root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
					new Visitor(realRoot, found));
		}
		catch (IOException | UncheckedIOException ex) {
			throw new MigratorException("Could not read migrations below " + this.root + " (location " + this.location
					+ "): " + ex.getMessage(), ex);
		}
	}

	private static boolean hidden(Path path) {
		Path name = path.getFileName();
		return name != null && name.toString().startsWith(".");
	}

	private final class Visitor extends SimpleFileVisitor<Path> {

		private final Path realRoot;

		private final List<ScriptResource> found;

		Visitor(Path realRoot, List<ScriptResource> found) {
			this.realRoot = realRoot;
			this.found = found;
		}

		@Override
		public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
			boolean isRoot = dir.equals(FilesystemWalk.this.root);
			if (!isRoot && hidden(dir)) {
				return FileVisitResult.SKIP_SUBTREE;
			}
			Path real = dir.toRealPath();
			if (!FilesystemWalk.this.realFolders.add(real)) {
				logger.debug("{} is {} again, already read: skipped", dir, real);
				return FileVisitResult.SKIP_SUBTREE;
			}
			if (!isRoot && Files.isSymbolicLink(dir) && !real.startsWith(this.realRoot)) {
				logger.info("Migration location {}: reading the folder {} from {}, where the link points",
						FilesystemWalk.this.location, dir, real);
			}
			return FileVisitResult.CONTINUE;
		}

		// With links followed, the attributes are the target's; a link's own only when its target is gone.
		@Override
		public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
			if (hidden(file)) {
				return FileVisitResult.CONTINUE;
			}
			if (attributes.isSymbolicLink()) {
				throw new MigratorException("Migration location " + FilesystemWalk.this.location + ": " + file
						+ " is a symbolic link to " + Files.readSymbolicLink(file) + ", which does not exist;"
						+ " restore the file it points at, or remove the link");
			}
			if (!attributes.isRegularFile()) {
				return FileVisitResult.CONTINUE;
			}
			String name = join(FilesystemWalk.this.rootText, relative(file));
			if (FilesystemWalk.this.filter.isSql(file.getFileName().toString(), name)) {
				if (Files.isSymbolicLink(file)) {
					Path real = file.toRealPath();
					if (!real.startsWith(this.realRoot)) {
						logger.info("Migration {} is a symbolic link to {}, outside the location {}: reading it from there",
								name, real, FilesystemWalk.this.location);
					}
				}
				this.found.add(new ScriptResource(name, file.getFileName().toString(), file.toString(),
						attributes.size(), () -> Files.newInputStream(file),
						// the index's freshness check needs it: read with the walk, not by a second stat
						attributes.isSymbolicLink() ? ScriptResource.MODIFIED_UNKNOWN
								: attributes.lastModifiedTime().toMillis()));
			}
			return FileVisitResult.CONTINUE;
		}

		@Override
		public FileVisitResult visitFileFailed(Path file, IOException ex) throws IOException {
			if (ex instanceof FileSystemLoopException) {
				logger.debug("{} links back to a folder above it, already being read: skipped", file);
				return FileVisitResult.CONTINUE;
			}
			if (hidden(file)) {
				return FileVisitResult.CONTINUE;
			}
			throw ex;
		}

	}

	/** The file's path below the root: the walk's paths are the root's with names added, no relativize needed. */
	private String relative(Path file) {
		String text = file.toString();
		return (!this.rootText.isEmpty() && text.startsWith(this.rootPrefix)) ? text.substring(this.rootPrefix.length())
				: this.root.relativize(file).toString();
	}

	private static String join(String root, String relative) {
		String normalized = relative.replace('\\', '/');
		return root.isEmpty() ? normalized : root + "/" + normalized;
	}

}
