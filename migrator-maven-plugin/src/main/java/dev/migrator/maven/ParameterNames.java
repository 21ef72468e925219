package dev.migrator.maven;

import java.util.Locale;

/** A setting's key as the plugin's parameter: {@code migrator.lock.wait-timeout} is {@code lockWaitTimeout}. */
final class ParameterNames {

	private ParameterNames() {
	}

	/** The parameter's name, also the field's. */
	static String field(String key) {
		String[] words = key.substring("migrator.".length()).split("[.-]");
		StringBuilder name = new StringBuilder(words[0]);
		for (int i = 1; i < words.length; i++) {
			name.append(words[i].substring(0, 1).toUpperCase(Locale.ROOT)).append(words[i].substring(1));
		}
		return name.toString();
	}

	/** The parameter as the pom writes it, for messages: {@code <lockWaitTimeout>}. */
	static String of(String key) {
		return "<" + field(key) + ">";
	}

}
