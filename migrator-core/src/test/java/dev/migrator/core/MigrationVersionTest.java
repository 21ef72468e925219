package dev.migrator.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.migrator.core.api.MigrationVersion;

class MigrationVersionTest {

	@ParameterizedTest
	@CsvSource({ "1.10, 1.9", "2, 1.99", "10, 9", "1.0.1, 1", "100000000000000000000, 99999999999999999999" })
	void comparesSegmentBySegmentAsNumbers(String higher, String lower) {
		assertThat(MigrationVersion.parse(higher)).isGreaterThan(MigrationVersion.parse(lower));
		assertThat(MigrationVersion.parse(lower)).isLessThan(MigrationVersion.parse(higher));
	}

	@ParameterizedTest
	@CsvSource({ "001, 1", "1.0, 1", "1.00.0, 1", "01.02, 1.2" })
	void leadingAndTrailingZerosDoNotCount(String a, String b) {
		assertThat(MigrationVersion.parse(a)).isEqualTo(MigrationVersion.parse(b))
			.hasSameHashCodeAs(MigrationVersion.parse(b));
		assertThat(MigrationVersion.parse(a).compareTo(MigrationVersion.parse(b))).isZero();
	}

	@Test
	void keepsTheTextAsWritten() {
		assertThat(MigrationVersion.parse("001")).hasToString("001");
		assertThat(MigrationVersion.parse("0").isEmpty()).isTrue();
		assertThat(MigrationVersion.parse("0.0")).isEqualTo(MigrationVersion.EMPTY);
		assertThat(MigrationVersion.parse("0.1").isEmpty()).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "v1", "1.", ".1", "1..2", "1_2", "1 ", "-1", "1.a" })
	void rejectsWhatIsNotAVersion(String text) {
		assertThatThrownBy(() -> MigrationVersion.parse(text)).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("is not a version");
	}

	@Test
	void rejectsNull() {
		assertThatThrownBy(() -> MigrationVersion.parse(null)).isInstanceOf(IllegalArgumentException.class);
	}

}
