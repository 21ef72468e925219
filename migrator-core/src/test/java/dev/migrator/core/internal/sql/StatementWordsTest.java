package dev.migrator.core.internal.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.migrator.core.internal.sql.StatementWords.Kind;
import dev.migrator.core.internal.sql.StatementWords.Token;

/**
 * The words of a statement as each database reads them: what the rollback preview relies on to
 * tell {@code DROP TABLE t} from the same words inside a string, a quote or a comment.
 */
class StatementWordsTest {

	private static List<String> words(StatementSplitter dialect, String sql) {
		return new StatementWords(dialect).read(sql).stream().map((t) -> t.kind() + ":" + t.text()).toList();
	}

	private static List<String> postgres(String sql) {
		return words(new PostgresStatementSplitter(), sql);
	}

	private static List<String> mysql(String sql) {
		return words(new MysqlStatementSplitter(), sql);
	}

	private static List<String> sqlite(String sql) {
		return words(new SqliteStatementSplitter(), sql);
	}

	@Test
	void aTaggedDollarQuoteIsOneStringWhateverItHolds() {
		assertThat(postgres("DO $body$ BEGIN DROP TABLE t; $x$ END $body$;"))
			.containsExactly("WORD:DO", "STRING: BEGIN DROP TABLE t; $x$ END ", "SYMBOL:;");
		assertThat(postgres("SELECT $t2$it's$t2$")).containsExactly("WORD:SELECT", "STRING:it's");
	}

	@Test
	void aDollarThatOpensNoQuoteIsPartOfAWord() {
		// $1 is a parameter, $a without a closing $ no tag: neither starts a quote
		assertThat(postgres("SELECT $1, $a FROM t")).containsExactly("WORD:SELECT", "WORD:$1", "SYMBOL:,", "WORD:$a",
				"WORD:FROM", "WORD:t");
	}

	@Test
	void anUnterminatedDollarQuoteRunsToTheEnd() {
		assertThat(postgres("SELECT $$ DROP TABLE t")).containsExactly("WORD:SELECT", "STRING: DROP TABLE t");
		assertThat(postgres("SELECT $q$ DROP TABLE t")).containsExactly("WORD:SELECT", "STRING: DROP TABLE t");
	}

	@Test
	void backslashEscapesOnlyInPostgresEStringsAndInMysqlStrings() {
		assertThat(postgres("SELECT E'it\\'s DROP TABLE t'")).containsExactly("WORD:SELECT", "WORD:E",
				"STRING:it's DROP TABLE t");
		// a standard string: the backslash is a character and the quote after it ends the string
		assertThat(postgres("SELECT 'a\\', 'b'")).containsExactly("WORD:SELECT", "STRING:a\\", "SYMBOL:,", "STRING:b");
		assertThat(mysql("SELECT 'it\\'s', \"say \\\"hi\\\"\"")).containsExactly("WORD:SELECT", "STRING:it's",
				"SYMBOL:,", "STRING:say \"hi\"");
		// a backslash as the last character of an unterminated string escapes nothing: it stays
		assertThat(mysql("SELECT 'a\\")).containsExactly("WORD:SELECT", "STRING:a\\");
	}

	@Test
	void aStringAtTheStartOrAfterASymbolHasNoPrefix() {
		assertThat(postgres("'a\\'")).containsExactly("STRING:a\\");
		assertThat(postgres("(E'a\\'b')")).containsExactly("SYMBOL:(", "WORD:E", "STRING:a'b", "SYMBOL:)");
		assertThat(postgres("x ,'a\\'")).containsExactly("WORD:x", "SYMBOL:,", "STRING:a\\");
	}

	@Test
	void mysqlDashCommentsNeedASpaceAndHashStartsOne() {
		assertThat(mysql("SELECT 1--1")).containsExactly("WORD:SELECT", "WORD:1", "SYMBOL:-", "SYMBOL:-", "WORD:1");
		assertThat(mysql("SELECT 1 -- DROP TABLE t\n, 2 # DROP TABLE u\r, 3 --")).containsExactly("WORD:SELECT", "WORD:1",
				"SYMBOL:,", "WORD:2", "SYMBOL:,", "WORD:3");
		assertThat(sqlite("SELECT 1 # x")).containsExactly("WORD:SELECT", "WORD:1", "SYMBOL:#", "WORD:x");
		assertThat(sqlite("SELECT 1--DROP TABLE t")).containsExactly("WORD:SELECT", "WORD:1");
		assertThat(sqlite("SELECT 1 -")).containsExactly("WORD:SELECT", "WORD:1", "SYMBOL:-");
	}

	@Test
	void mysqlRunsTheCodeInVersionedCommentsAndOthersSkipEveryComment() {
		assertThat(mysql("/*!50100 DROP TABLE t */ /*! DROP TABLE u*/ /* DROP TABLE v */"))
			.containsExactly("WORD:DROP", "WORD:TABLE", "WORD:t", "WORD:DROP", "WORD:TABLE", "WORD:u");
		assertThat(postgres("/*!50100 DROP TABLE t */ SELECT 1")).containsExactly("WORD:SELECT", "WORD:1");
		// nested on PostgreSQL: the first */ does not end it
		assertThat(postgres("/* a /* b */ DROP TABLE t */ SELECT 1")).containsExactly("WORD:SELECT", "WORD:1");
		assertThat(sqlite("/* a /* b */ SELECT 1")).containsExactly("WORD:SELECT", "WORD:1");
		// unterminated: the rest is comment
		assertThat(mysql("SELECT 1 /* DROP TABLE t")).containsExactly("WORD:SELECT", "WORD:1");
		assertThat(mysql("SELECT 1 /*")).containsExactly("WORD:SELECT", "WORD:1");
		assertThat(mysql("SELECT 1 /")).containsExactly("WORD:SELECT", "WORD:1", "SYMBOL:/");
	}

	@Test
	void quotedNamesPerDialect() {
		assertThat(sqlite("DROP TABLE [my]]t], \"a\"\"b\", `c`")).containsExactly("WORD:DROP", "WORD:TABLE",
				"QUOTED_NAME:my", "SYMBOL:]", "WORD:t", "SYMBOL:]", "SYMBOL:,", "QUOTED_NAME:a\"b", "SYMBOL:,",
				"QUOTED_NAME:c");
		assertThat(mysql("DROP TABLE `a``b`, \"c\"")).containsExactly("WORD:DROP", "WORD:TABLE", "QUOTED_NAME:a`b",
				"SYMBOL:,", "STRING:c");
		assertThat(postgres("DROP TABLE \"unterminated")).containsExactly("WORD:DROP", "WORD:TABLE",
				"QUOTED_NAME:unterminated");
	}

	@Test
	void everyKindOfWhitespaceSeparatesAndNonAsciiLettersMakeWords() {
		assertThat(postgres("\uFEFFDROP\tTABLE\f\u000Bcafé_1\r\nx")).containsExactly("WORD:DROP", "WORD:TABLE", "WORD:café_1",
				"WORD:x");
		assertThat(postgres("SELECT $é$body$é$")).containsExactly("WORD:SELECT", "STRING:body");
	}

	@Test
	void tokensAnswerWhatTheyAre() {
		Token word = new Token(Kind.WORD, "drop");
		Token quoted = new Token(Kind.QUOTED_NAME, "drop");
		Token string = new Token(Kind.STRING, "drop");
		Token comma = new Token(Kind.SYMBOL, ",");

		assertThat(word.is("DROP")).isTrue();
		assertThat(quoted.is("DROP")).isFalse();
		assertThat(comma.is(',')).isTrue();
		assertThat(comma.is(';')).isFalse();
		assertThat(word.is(',')).isFalse();
		assertThat(word.isName()).isTrue();
		assertThat(quoted.isName()).isTrue();
		assertThat(string.isName()).isFalse();
		assertThat(word.keyword()).isEqualTo("DROP");
		assertThat(quoted.keyword()).isEmpty();
	}

	@Test
	void aSlashNotOpeningACommentIsASymbolAndWhatFollowsCounts() {
		assertThat(mysql("SELECT 4/2")).containsExactly("WORD:SELECT", "WORD:4", "SYMBOL:/", "WORD:2");
		assertThat(postgres("SELECT a/-b")).containsExactly("WORD:SELECT", "WORD:a", "SYMBOL:/", "SYMBOL:-", "WORD:b");
	}

	@Test
	void anUnterminatedVersionedCommentAtTheEndHoldsNoWords() {
		assertThat(mysql("SELECT 1 /*!")).containsExactly("WORD:SELECT", "WORD:1");
		assertThat(mysql("SELECT 1 /*!50100")).containsExactly("WORD:SELECT", "WORD:1");
		// unterminated, with code: that code still runs on MySQL, so its words count
		assertThat(mysql("SELECT 1 /*!50100 DROP TABLE t")).containsExactly("WORD:SELECT", "WORD:1", "WORD:DROP", "WORD:TABLE");
	}

	@Test
	void aStringAtTheStartOfAVersionedCommentIsAString() {
		assertThat(mysql("SELECT /*!'it\\'s'*/, x")).containsExactly("WORD:SELECT", "STRING:it's", "SYMBOL:,", "WORD:x");
		assertThat(mysql("SELECT a/*!50100'b'*/")).containsExactly("WORD:SELECT", "WORD:a", "STRING:b");
	}

	@Test
	void aDollarOutsidePostgresIsPartOfAWord() {
		assertThat(mysql("SELECT $$x$$ FROM $t")).containsExactly("WORD:SELECT", "WORD:$$x$$", "WORD:FROM", "WORD:$t");
		assertThat(sqlite("DROP TABLE $a$b$a$")).containsExactly("WORD:DROP", "WORD:TABLE", "WORD:$a$b$a$");
	}

	@Test
	void aDollarAtTheEndOrATagRunningToTheEndOpensNoQuote() {
		assertThat(postgres("SELECT $")).containsExactly("WORD:SELECT", "WORD:$");
		assertThat(postgres("SELECT $abc")).containsExactly("WORD:SELECT", "WORD:$abc");
		assertThat(postgres("SELECT $a1_")).containsExactly("WORD:SELECT", "WORD:$a1_");
		assertThat(postgres("SELECT $é")).containsExactly("WORD:SELECT", "WORD:$é");
	}

	@Test
	void eachWhitespaceCharacterAloneSeparatesWords() {
		for (String space : List.of(" ", "\n", "\r", "\t", "\f", "\u000B", "\uFEFF")) {
			assertThat(postgres("DROP" + space + "TABLE")).as("separated by U+%04X", (int) space.charAt(0))
				.containsExactly("WORD:DROP", "WORD:TABLE");
		}
	}

	@Test
	void punctuationBetweenTheLetterRangesIsASymbol() {
		assertThat(postgres("a^b|c~d{e}f@g\\h")).containsExactly("WORD:a", "SYMBOL:^", "WORD:b", "SYMBOL:|", "WORD:c",
				"SYMBOL:~", "WORD:d", "SYMBOL:{", "WORD:e", "SYMBOL:}", "WORD:f", "SYMBOL:@", "WORD:g", "SYMBOL:\\", "WORD:h");
		assertThat(sqlite("x:y?z`")).startsWith("WORD:x", "SYMBOL::", "WORD:y", "SYMBOL:?", "WORD:z");
	}

	@Test
	void aByteOrderMarkInsideAWordEndsIt() {
		assertThat(postgres("DROP\uFEFFTABLE")).containsExactly("WORD:DROP", "WORD:TABLE");
		assertThat(postgres("café\uFEFF'x'")).containsExactly("WORD:café", "STRING:x");
	}

	@Test
	void aKeywordMatchesOnlyItsOwnWord() {
		Token word = new Token(Kind.WORD, "drop");
		assertThat(word.is("DROPS")).isFalse();
		assertThat(word.is("TABLE")).isFalse();
		assertThat(new Token(Kind.STRING, "drop").is("drop")).isFalse();
	}

}
