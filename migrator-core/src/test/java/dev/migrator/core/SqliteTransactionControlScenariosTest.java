package dev.migrator.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import dev.migrator.core.api.ValidationException;

class SqliteTransactionControlScenariosTest extends TransactionControlScenarios {

	@Override
	DatabaseFixture fixture(Path dir) throws Exception {
		return new SqliteFixture(dir);
	}

	/** A file over 4 MB is read as a stream, by another reader: a NUL byte is found there too, with its line. */
	@Test
	void aNulByteInAStreamedScriptIsReportedWhenTheFileIsRead() throws Exception {
		StringBuilder big = new StringBuilder("CREATE TABLE big (x TEXT);\n");
		String row = "INSERT INTO big VALUES ('" + "x".repeat(200) + "');\n";
		int rows = (5 * 1024 * 1024) / row.length();
		for (int i = 0; i < rows; i++) {
			big.append(row);
		}
		big.append("INSERT INTO big VALUES ('a\u0000b');\n");
		this.fx.write("002_big.sql", big.toString());

		assertThatThrownBy(() -> this.fx.migrator().migrate()).isInstanceOf(ValidationException.class)
			.hasMessageContaining("002_big.sql:" + (rows + 2) + ": holds a NUL byte");
		assertThat(this.fx.tables()).isEmpty();
	}

	@Override
	String[] outsideOnlyStatements() {
		return new String[] { "VACUUM", "vacuum main" };
	}

}
