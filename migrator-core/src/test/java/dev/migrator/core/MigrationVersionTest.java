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
	@CsvSource({ "1.10, 1.9", "2, 1.99", "10, 9", "1.0.1, 1", "100000000000000000000, 99999999999999999999",
			"100000000000000000000.1, 100000000000000000000", "1.100000000000000000000, 1.2", "100000000000000000000, 2" })
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
	void aRecordedRepeatableNeedsADescriptionAndIsNeverEqualToAVersion() {
		assertThat(MigrationVersion.parseRecorded("R__views").isRepeatable()).isTrue();
		assertThat(MigrationVersion.parseRecorded("R__views")).isNotEqualTo(MigrationVersion.parse("1"))
			.isEqualTo(MigrationVersion.parseRecorded("R__views"));
		assertThat(MigrationVersion.parseRecorded("1.2")).isEqualTo(MigrationVersion.parse("1.2"));
		assertThatThrownBy(() -> MigrationVersion.parseRecorded("R__")).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("is not a version");
	}

	@Test
	void rejectsNull() {
		assertThatThrownBy(() -> MigrationVersion.parse(null)).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void aRepeatableSortsAfterEveryVersionInDescriptionOrderAndIsNoVersion() {
		MigrationVersion views = MigrationVersion.repeatable("create views");
		assertThat(views).hasToString("R__create_views");
		assertThat(views.isRepeatable()).isTrue();
		assertThat(views.isEmpty()).isFalse();
		assertThat(views).isGreaterThan(MigrationVersion.parse("99999999999999999999.1"))
			.isLessThan(MigrationVersion.repeatable("functions later"))
			.isGreaterThan(MigrationVersion.repeatable("a first"));
		assertThat(MigrationVersion.parse("1")).isLessThan(views);
		assertThat(MigrationVersion.parseRecorded("R__create_views")).isEqualTo(views).hasSameHashCodeAs(views);
		assertThat(MigrationVersion.parseRecorded("1.2")).isEqualTo(MigrationVersion.parse("1.2"));
		assertThat(MigrationVersion.parse("1").isRepeatable()).isFalse();
		assertThatThrownBy(() -> MigrationVersion.parse("R__create_views")).as("a target or a rollback is never one")
			.isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void aLongRepeatableDescriptionFitsTheHistoryColumnAndStaysApartFromAnother() {
		String base = "refresh the reporting views of every tenant schema and the summary tables";
		MigrationVersion one = MigrationVersion.repeatable(base + " one");
		MigrationVersion two = MigrationVersion.repeatable(base + " two");
		assertThat(one.toString()).hasSizeLessThanOrEqualTo(50).startsWith("R__refresh_the_reporting_views");
		assertThat(one).isNotEqualTo(two);
		assertThat(MigrationVersion.parseRecorded(one.toString())).as("read back from the history").isEqualTo(one);
	}

}
