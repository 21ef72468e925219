package dev.migrator.core.internal.dialect;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InstantTextTest {

	@Test
	void readsWhatInstantWritesAsInstantParseDoes() {
		Random random = new Random(17);
		for (int i = 0; i < 20_000; i++) {
			long seconds = random.nextLong(-62_000_000_000L, 253_000_000_000L); // years 0 to 9999
			int nanos = switch (i % 4) {
				case 0 -> 0;
				case 1 -> random.nextInt(1000) * 1_000_000;
				case 2 -> random.nextInt(1_000_000) * 1_000;
				default -> random.nextInt(1_000_000_000);
			};
			String text = Instant.ofEpochSecond(seconds, nanos).toString();
			assertThat(InstantText.parse(text)).as(text).isEqualTo(Instant.parse(text));
		}
	}

	@Test
	void otherFormsAreReadOrRefusedAsInstantParseDoes() {
		for (String text : new String[] { "2026-12-03T15:50:06.1Z", "2026-12-03T15:50:06.12345678Z",
				"+10000-01-01T00:00:00Z", "2026-12-31T23:59:60Z", "2026-12-03T24:00:00Z", "2026-12-03T15:50:06.Z" }) {
			assertThat(InstantText.parse(text)).as(text).isEqualTo(Instant.parse(text));
		}
		for (String text : new String[] { "2026-02-30T10:00:00Z", "2026-12-03T25:00:00Z",
				"2026-12-03T15:50:0xZ", "2026-12-03 15:50:06Z", "2026-12-03T15:50:06.1234567890Z", "" }) {
			assertThatThrownBy(() -> Instant.parse(text)).as(text).isInstanceOf(DateTimeParseException.class);
			assertThatThrownBy(() -> InstantText.parse(text)).as(text).isInstanceOf(DateTimeParseException.class);
		}
	}

	@Test
	void aWrongCharacterInAnyFieldIsReadOrRefusedAsInstantParseDoes() {
		String good = "2026-12-03T15:50:06.123Z";
		for (int i = 0; i < good.length(); i++) {
			for (char wrong : new char[] { 'x', '9', '-', ':', '.' }) {
				if (good.charAt(i) != wrong) {
					String text = good.substring(0, i) + wrong + good.substring(i + 1);
					sameAsInstantParse(text);
				}
			}
		}
		for (String text : new String[] { "2026-12-03T15:60:06Z", "2026-12-03T15:50:61Z", "2026-13-03T15:50:06Z",
				"2026-12-00T15:50:06Z", "2026-12-03T15:50:06.1234567891Z", "2026-12-03T15:50:06+01:00" }) {
			sameAsInstantParse(text);
		}
	}

	private static void sameAsInstantParse(String text) {
		Instant expected;
		try {
			expected = Instant.parse(text);
		}
		catch (DateTimeParseException ex) {
			assertThatThrownBy(() -> InstantText.parse(text)).as(text).isInstanceOf(DateTimeParseException.class);
			return;
		}
		assertThat(InstantText.parse(text)).as(text).isEqualTo(expected);
	}

}
