package dev.migrator.cli.output;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class JsonTextTests {

	private final ObjectMapper mapper = new ObjectMapper();

	@Test
	void writesWhatAJsonParserReadsBackKeepingKeyOrder() {
		JsonObject object = new JsonObject().put("z", "last \"quoted\" \\ line\nbreak\ttab \u0001")
			.put("a", 1)
			.put("long", 12_345_678_901L)
			.put("rate", 0.5)
			.put("flag", true)
			.put("none", null)
			.put("list", Arrays.asList("x", null, new JsonObject()))
			.put("empty", List.of());

		String text = JsonText.of(object);
		JsonNode parsed = this.mapper.readTree(text);

		assertThat(text.indexOf("\"z\"")).isLessThan(text.indexOf("\"a\""));
		assertThat(parsed.get("z").asString()).isEqualTo("last \"quoted\" \\ line\nbreak\ttab \u0001");
		assertThat(parsed.get("a").asInt()).isEqualTo(1);
		assertThat(parsed.get("long").asLong()).isEqualTo(12_345_678_901L);
		assertThat(parsed.get("rate").asDouble()).isEqualTo(0.5);
		assertThat(parsed.get("flag").asBoolean()).isTrue();
		assertThat(parsed.get("none").isNull()).isTrue();
		assertThat(parsed.get("list").get(1).isNull()).isTrue();
		assertThat(parsed.get("list").get(2).isObject()).isTrue();
		assertThat(parsed.get("empty").isEmpty()).isTrue();
	}

	@Test
	void refusesWhatJsonCannotHold() {
		assertThatIllegalArgumentException().isThrownBy(() -> JsonText.of(Double.NaN));
		assertThatIllegalArgumentException().isThrownBy(() -> JsonText.of(new Object()));
	}

}
