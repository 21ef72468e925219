package dev.migrator.cli.output;

import java.util.LinkedHashMap;
import java.util.Map;

/** A JSON object whose keys keep the order they were put in, so the documented shape reads in order. */
public final class JsonObject {

	private final Map<String, Object> members = new LinkedHashMap<>();

	/** Adds a member; a null value is written as {@code null}, so every documented key is always there. */
	public JsonObject put(String key, Object value) {
		this.members.put(key, value);
		return this;
	}

	/** The member's value, or null. */
	public Object get(String key) {
		return this.members.get(key);
	}

	Map<String, Object> members() {
		return this.members;
	}

	@Override
	public String toString() {
		return JsonText.of(this);
	}

}
