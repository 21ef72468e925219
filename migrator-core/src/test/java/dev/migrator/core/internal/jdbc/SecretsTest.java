package dev.migrator.core.internal.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The password is blanked where it stands as a value, and nowhere else: short passwords leave the text readable. */
class SecretsTest {

	@Test
	void blanksAShortPasswordAsAValueButNotInsideNumbersPathsOrWords() {
		String message = "path to 'jdbc:sqlite:/tmp/1/app1.db?password=1': version 1 of 10 failed";

		assertThat(Secrets.mask(message, "1"))
			.isEqualTo("path to 'jdbc:sqlite:/tmp/1/app1.db?password=****': version 1 of 10 failed");
	}

	@Test
	void blanksAPasswordWithDelimitersWholeInParametersUserInfoAndQuotes() {
		assertThat(Secrets.mask("jdbc:postgresql://db/app?PASSWORD=a&b c&ssl=true", "a&b c"))
			.isEqualTo("jdbc:postgresql://db/app?PASSWORD=****&ssl=true");
		assertThat(Secrets.mask("jdbc:mariadb://bob:p@ss:w@db/app", "p@ss:w")).isEqualTo("jdbc:mariadb://bob:****@db/app");
		assertThat(Secrets.mask("rejected 'app.db' for app.db", "app.db")).isEqualTo("rejected '****' for app.db");
	}

	@Test
	void blanksPasswordsItWasNeverTold() {
		assertThat(Secrets.mask("jdbc:postgresql://db/app?user=bob&password=s3cr:et&ssl=true", null))
			.isEqualTo("jdbc:postgresql://db/app?user=bob&password=****&ssl=true");
		assertThat(Secrets.mask("jdbc:mariadb://bob:topsecret@db:3306/app", null)).isEqualTo("jdbc:mariadb://bob:****@db:3306/app");
	}

	@Test
	void anExceptionChainIsCopiedWithEveryMessageMaskedKeepingItsSqlStateTypesAndSuppressedOnes() {
		java.sql.SQLException thrown = new java.sql.SQLException("login failed", "28P01", 7,
				new IllegalStateException("url jdbc:postgresql://db/app?password=hunter2 refused"));
		thrown.addSuppressed(new java.io.IOException("closing 'hunter2'"));
		thrown.addSuppressed(new IllegalArgumentException((String) null));

		java.sql.SQLException masked = Secrets.mask(thrown, "hunter2");

		assertThat((Throwable) masked).isNotSameAs(thrown).hasMessage("login failed");
		assertThat(masked.getSQLState()).isEqualTo("28P01");
		assertThat(masked.getErrorCode()).isEqualTo(7);
		assertThat(masked.getStackTrace()).isEqualTo(thrown.getStackTrace());
		assertThat(masked.getCause()).hasToString("java.lang.IllegalStateException: url jdbc:postgresql://db/app?password=****"
				+ " refused");
		assertThat(masked.getSuppressed()).hasSize(2);
		assertThat(masked.getSuppressed()[0]).hasToString("java.io.IOException: closing '****'");
		assertThat(masked.getSuppressed()[1]).as("nothing to mask: the same exception").isSameAs(thrown.getSuppressed()[1]);
		java.sql.SQLException clean = new java.sql.SQLException("no such table", "42P01");
		assertThat((Throwable) Secrets.mask(clean, "hunter2")).as("nothing to mask").isSameAs(clean);
		assertThat(Secrets.mask((String) null, "hunter2")).isNull();
	}

}
