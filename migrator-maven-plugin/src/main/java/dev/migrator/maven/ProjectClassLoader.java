package dev.migrator.maven;

import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.maven.model.Resource;
import org.apache.maven.project.MavenProject;

/**
 * The project's classpath as the application will see it, for {@code classpath:} locations: the
 * resource folders first (a goal bound before process-resources runs before they are copied), then
 * the output folder (resources another plugin put there).
 */
final class ProjectClassLoader {

	private ProjectClassLoader() {
	}

	static URLClassLoader of(MavenProject project, ClassLoader parent) {
		List<URL> urls = new ArrayList<>();
		List<Path> folders = new ArrayList<>(resourceFolders(project));
		folders.add(Path.of(project.getBuild().getOutputDirectory()));
		for (Path folder : folders) {
			if (Files.isDirectory(folder)) {
				try {
					urls.add(folder.toUri().toURL());
				}
				catch (MalformedURLException ex) {
					throw new IllegalStateException("Cannot read the folder " + folder + " as a classpath entry", ex);
				}
			}
		}
		return new URLClassLoader(urls.toArray(URL[]::new), parent);
	}

	/** The project's resource folders, in the pom's order; for a resource with a target path, that path's root. */
	static List<Path> resourceFolders(MavenProject project) {
		List<Path> folders = new ArrayList<>();
		for (Resource resource : project.getResources()) {
			// a targetPath moves the files elsewhere on the classpath: not where classpath:db/migration looks
			if (resource.getTargetPath() == null) {
				folders.add(Path.of(resource.getDirectory()));
			}
		}
		return folders;
	}

}
