package dev.migrator.cli.output;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SecretMaskTests {

	@Test
	void blanksKnownSecretsLongestFirst() {
		SecretMask mask = new SecretMask();
		mask.add("abc");
		mask.add("abcdef");
		mask.add(null);
		mask.add("");

		assertThat(mask.apply("Unknown options: 'abcdef', 'abc'; --pasword=abcdef")).isEqualTo("Unknown options: '****', '****'; --pasword=****");
	}

	@Test
	void blanksAShortPasswordOnlyWhereItStandsAsAValue() {
		SecretMask mask = new SecretMask();
		mask.add("1");

		assertThat(mask.apply("\"exitCode\": 1, \"id\": \"app_20260101_v1.db\", \"1\": 10"))
			.isEqualTo("\"exitCode\": 1, \"id\": \"app_20260101_v1.db\", \"****\": 10");
		assertThat(mask.apply("jdbc:sqlite:/tmp/1/app.db?password=1 and migrator.password = 1, spring.datasource.password: 1"))
			.isEqualTo("jdbc:sqlite:/tmp/1/app.db?password=**** and migrator.password = ****, spring.datasource.password: ****");
		assertThat(mask.apply("version 1 of 1 applied in 1 ms")).isEqualTo("version 1 of 1 applied in 1 ms");
	}

	@Test
	void blanksAPasswordHoldingDelimitersWhole() {
		for (String secret : new String[] { "a b", "x&y;z", "p@ss:w/rd", "\"", "\\", ":", "*" }) {
			SecretMask mask = new SecretMask();
			mask.add(secret);

			assertThat(mask.apply("jdbc:postgresql://db/app?password=" + secret + "&ssl=true"))
				.isEqualTo("jdbc:postgresql://db/app?password=****&ssl=true");
			assertThat(mask.apply("jdbc:mariadb://bob:" + secret + "@db/app")).isEqualTo("jdbc:mariadb://bob:****@db/app");
			assertThat(mask.apply("MIGRATOR_PASSWORD=" + secret)).isEqualTo("MIGRATOR_PASSWORD=****");
		}
	}

	@Test
	void leavesAPasswordFileAndPlaceholdersAlone() {
		SecretMask mask = new SecretMask();
		mask.add("app.db");

		assertThat(mask.apply("--password-file=/run/secret and --password=<password> ${DB_PASSWORD} jdbc:sqlite:app.db"))
			.isEqualTo("--password-file=/run/secret and --password=<password> ${DB_PASSWORD} jdbc:sqlite:app.db");
	}

	@Test
	void blanksPasswordsInUrlsItWasNeverTold() {
		SecretMask mask = new SecretMask();

		assertThat(mask.apply("jdbc:postgresql://db/app?user=bob&password=s3cr:et&ssl=true failed"))
			.isEqualTo("jdbc:postgresql://db/app?user=bob&password=****&ssl=true failed");
		assertThat(mask.apply("jdbc:sqlserver://db;PWD=x1;database=app")).isEqualTo("jdbc:sqlserver://db;PWD=****;database=app");
		assertThat(mask.apply("jdbc:mariadb://bob:topsecret@db:3306/app")).isEqualTo("jdbc:mariadb://bob:****@db:3306/app");
		assertThat(mask.apply("--password=<password>  check the user and password=")).isEqualTo("--password=<password>  check the user and password=");
	}

	@Test
	void theStreamMasksASecretWrittenInPieces() {
		SecretMask mask = new SecretMask();
		mask.add("hunter2");
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		PrintStream stream = new PrintStream(new MaskedOutputStream(bytes, mask), false, StandardCharsets.UTF_8);

		stream.print("the url ?password=hun");
		stream.print("ter2");
		stream.println(", ünïcode kept");
		stream.print("no newline 'hunter2'");
		stream.flush();

		assertThat(bytes.toString(StandardCharsets.UTF_8))
			.isEqualTo("the url ?password=****, ünïcode kept" + System.lineSeparator() + "no newline '****'");
	}

}
