package dev.migrator.cli.output;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Writes a tree of maps, lists, strings, numbers, booleans and nulls as JSON, indented by two
 * spaces. The jar carries no JSON library: this is all the output needs, and it keeps key order.
 */
public final class JsonText {

	private final StringBuilder text = new StringBuilder();

	private final UnaryOperator<String> stringValues;

	private JsonText(UnaryOperator<String> stringValues) {
		this.stringValues = stringValues;
	}

	/** The value as an indented JSON document. */
	public static String of(Object value) {
		return of(value, UnaryOperator.identity());
	}

	/**
	 * The value as an indented JSON document, each string value passed through {@code stringValues}
	 * first (keys, numbers and booleans never are): secrets are masked in values, so masking
	 * cannot break the document.
	 */
	public static String of(Object value, UnaryOperator<String> stringValues) {
		JsonText json = new JsonText(stringValues);
		json.value(value, 0);
		return json.text.toString();
	}

	private void value(Object value, int depth) {
		if (value == null) {
			this.text.append("null");
		}
		else if (value instanceof String string) {
			string(this.stringValues.apply(string));
		}
		else if (value instanceof Boolean bool) {
			this.text.append(bool);
		}
		else if (value instanceof Integer || value instanceof Long) {
			this.text.append(value);
		}
		else if (value instanceof Double number) {
			if (number.isNaN() || number.isInfinite()) {
				throw new IllegalArgumentException("JSON has no " + number);
			}
			this.text.append(number);
		}
		else if (value instanceof JsonObject object) {
			object(object.members(), depth);
		}
		else if (value instanceof Map<?, ?> map) {
			object(map, depth);
		}
		else if (value instanceof List<?> list) {
			array(list, depth);
		}
		else {
			// Every result is turned into plain values first; anything else is a mistake in the caller.
			throw new IllegalArgumentException("Not a JSON value: " + value.getClass().getName());
		}
	}

	private void object(Map<?, ?> map, int depth) {
		if (map.isEmpty()) {
			this.text.append("{}");
			return;
		}
		this.text.append('{');
		Iterator<? extends Map.Entry<?, ?>> entries = map.entrySet().iterator();
		while (entries.hasNext()) {
			Map.Entry<?, ?> entry = entries.next();
			newLine(depth + 1);
			string(String.valueOf(entry.getKey()));
			this.text.append(": ");
			value(entry.getValue(), depth + 1);
			if (entries.hasNext()) {
				this.text.append(',');
			}
		}
		newLine(depth);
		this.text.append('}');
	}

	private void array(List<?> list, int depth) {
		if (list.isEmpty()) {
			this.text.append("[]");
			return;
		}
		this.text.append('[');
		for (int i = 0; i < list.size(); i++) {
			newLine(depth + 1);
			value(list.get(i), depth + 1);
			if (i < list.size() - 1) {
				this.text.append(',');
			}
		}
		newLine(depth);
		this.text.append(']');
	}

	private void newLine(int depth) {
		this.text.append('\n').append("  ".repeat(depth));
	}

	private void string(String string) {
		this.text.append('"');
		for (int i = 0; i < string.length(); i++) {
			char c = string.charAt(i);
			switch (c) {
				case '"' -> this.text.append("\\\"");
				case '\\' -> this.text.append("\\\\");
				case '\n' -> this.text.append("\\n");
				case '\r' -> this.text.append("\\r");
				case '\t' -> this.text.append("\\t");
				case '\b' -> this.text.append("\\b");
				case '\f' -> this.text.append("\\f");
				default -> {
					if (c < 0x20) {
						this.text.append(String.format("\\u%04x", (int) c));
					}
					else {
						this.text.append(c);
					}
				}
			}
		}
		this.text.append('"');
	}

}
