package dev.migrator.core.internal.lock;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class LockHolderTest {

	@Test
	void itsTextReadsBackAsTheSameHolder() {
		LockHolder holder = new LockHolder("db-host-1.example", 31337, "3f1c", Instant.parse("2026-05-06T07:08:09.123Z"));

		assertThat(LockHolder.parse(holder.toText())).isEqualTo(holder);
		assertThat(holder.describe()).isEqualTo("host db-host-1.example, pid 31337, since 2026-05-06T07:08:09.123Z");
		assertThat(holder.isThisProcess()).isFalse();
	}

	@Test
	void anythingElseReadsAsAnUnknownHolder() {
		for (String text : new String[] { "", "garbage", "host=h\npid=12\nowner=o",
				"host=h\npid=x\nowner=o\nsince=2026-01-01T00:00:00Z", "host=h\npid=12\nowner=o\nsince=yesterday",
				"host=h\npid=-5\nowner=o\nsince=2026-01-01T00:00:00Z" }) {
			assertThat(LockHolder.parse(text)).as(text).satisfies((holder) -> {
				assertThat(holder.known()).isFalse();
				assertThat(holder.describe()).isEqualTo("unknown holder");
			});
		}
	}

	@Test
	void thisProcessIsRecognised() {
		LockHolder holder = LockHolder.thisProcessNow();

		assertThat(holder.isThisProcess()).isTrue();
		assertThat(holder.ownerId()).isNotEqualTo(LockHolder.thisProcessNow().ownerId());
	}

	@Test
	void durationsInMessagesReadAtAGlance() {
		assertThat(LockWait.format(Duration.ofMillis(250))).isEqualTo("250ms");
		assertThat(LockWait.format(Duration.ofMillis(5500))).isEqualTo("5.5s");
		assertThat(LockWait.format(Duration.ofSeconds(185))).isEqualTo("3m 05s");
		assertThat(LockWait.format(Duration.ofMinutes(123))).isEqualTo("2h 03m");
		assertThat(LockWait.format(Duration.ofSeconds(-1))).isEqualTo("0ms");
		assertThat(LockWait.format(Duration.ofSeconds(Long.MAX_VALUE))).endsWith("m");
	}

}
