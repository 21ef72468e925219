package dev.migrator.maven;

import java.util.Set;
import java.util.TreeSet;

import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.descriptor.MojoDescriptor;
import org.apache.maven.plugin.descriptor.Parameter;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;

import dev.migrator.core.api.ClosestName;

/**
 * Refuses a parameter of the pom that no goal of the plugin has. Maven 3.8 drops such an element
 * without a word, so {@code <locatons>} would run with the default locations and {@code <ulr>}
 * against no database at all.
 */
final class ConfigurationCheck {

	private ConfigurationCheck() {
	}

	static void refuseUnknownParameters(MavenProject project, MojoExecution execution) throws MojoExecutionException {
		String key = execution.getPlugin().getKey();
		Plugin plugin = project.getPlugin(key);
		if (plugin == null && project.getPluginManagement() != null) {
			plugin = project.getPluginManagement().getPluginsAsMap().get(key);
		}
		if (plugin == null) {
			return;
		}
		// Configuration at the plugin's level serves every goal: check against all of them.
		Set<String> known = new TreeSet<>();
		for (MojoDescriptor mojo : execution.getMojoDescriptor().getPluginDescriptor().getMojos()) {
			for (Parameter parameter : mojo.getParameters()) {
				known.add(parameter.getName());
				if (parameter.getAlias() != null) {
					known.add(parameter.getAlias());
				}
			}
		}
		check((Xpp3Dom) plugin.getConfiguration(), known, execution);
		PluginExecution own = plugin.getExecutionsAsMap().get(execution.getExecutionId());
		if (own != null) {
			check((Xpp3Dom) own.getConfiguration(), known, execution);
		}
	}

	private static void check(Xpp3Dom configuration, Set<String> known, MojoExecution execution)
			throws MojoExecutionException {
		if (configuration == null) {
			return;
		}
		for (Xpp3Dom child : configuration.getChildren()) {
			if (!known.contains(child.getName())) {
				throw new MojoExecutionException("<" + child.getName() + "> in the configuration of "
						+ execution.getArtifactId() + " is not a parameter; did you mean <" + ClosestName.nearest(child.getName(), known)
						+ ">? Fix its name in the pom (docs/MAVEN-PLUGIN.md lists the parameters)");
			}
		}
	}

}
