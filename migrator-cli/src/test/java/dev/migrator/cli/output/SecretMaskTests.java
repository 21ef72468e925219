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

		assertThat(mask.apply("login abcdef then abc")).isEqualTo("login **** then ****");
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

		stream.print("the password is hun");
		stream.print("ter2");
		stream.println(", ünïcode kept");
		stream.print("no newline hunter2");
		stream.flush();

		assertThat(bytes.toString(StandardCharsets.UTF_8))
			.isEqualTo("the password is ****, ünïcode kept" + System.lineSeparator() + "no newline ****");
	}

}
