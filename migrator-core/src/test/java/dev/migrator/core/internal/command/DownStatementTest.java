package dev.migrator.core.internal.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.migrator.core.internal.sql.MysqlStatementSplitter;
import dev.migrator.core.internal.sql.PostgresStatementSplitter;
import dev.migrator.core.internal.sql.SqliteStatementSplitter;
import dev.migrator.core.internal.sql.StatementSplitter;
import dev.migrator.core.internal.sql.StatementWords;

/** What a down's statement does to data, read through each dialect's tokenizer. */
class DownStatementTest {

	private static DownStatement read(StatementSplitter dialect, String sql) {
		StatementWords words = new StatementWords(dialect);
		return DownStatement.of(words.read(sql), words);
	}

	private static DownStatement sqlite(String sql) {
		return read(new SqliteStatementSplitter(), sql);
	}

	private static DownStatement postgres(String sql) {
		return read(new PostgresStatementSplitter(), sql);
	}

	private static DownStatement mysql(String sql) {
		return read(new MysqlStatementSplitter(), sql);
	}

	private static List<String> tables(DownStatement statement) {
		if (statement instanceof DownStatement.DropTables drop) {
			return drop.tables().stream().map(DownStatement.Name::display).toList();
		}
		if (statement instanceof DownStatement.EmptyTables empty) {
			return empty.tables().stream().map(DownStatement.Name::display).toList();
		}
		throw new AssertionError("not a table drop or empty: " + statement);
	}

	@Test
	void dropTableWithACommentInsideIsADrop() {
		assertThat(sqlite("DROP /* c */ TABLE t")).isInstanceOf(DownStatement.DropTables.class);
		assertThat(tables(sqlite("DROP /* c */ TABLE t"))).containsExactly("t");
		assertThat(tables(postgres("DROP -- why\n TABLE /* a /* nested */ comment */ t"))).containsExactly("t");
		assertThat(tables(mysql("DROP # why\n TABLE t"))).containsExactly("t");
	}

	@Test
	void dropTableListsEveryTable() {
		assertThat(tables(sqlite("DROP TABLE a, t"))).containsExactly("a", "t");
		assertThat(tables(postgres("DROP TABLE IF EXISTS a, s.b CASCADE"))).containsExactly("a", "s.b");
		assertThat(tables(mysql("DROP TEMPORARY TABLE IF EXISTS `a`, b"))).containsExactly("a", "b");
	}

	@Test
	void quotedAndQualifiedNamesAreOneNameEach() {
		assertThat(tables(sqlite("DROP TABLE \"my table\", `b`, [c d], main.t"))).containsExactly("my table", "b",
				"c d", "main.t");
		assertThat(tables(postgres("DROP TABLE \"s\" . \"we\"\"ird\""))).containsExactly("s.we\"ird");
		DownStatement.DropTables drop = (DownStatement.DropTables) postgres("DROP TABLE \"Users\"");
		assertThat(drop.tables().get(0).quoted()).containsExactly(true);
	}

	@Test
	void truncateInEveryForm() {
		assertThat(tables(sqlite("TRUNCATE t"))).containsExactly("t");
		assertThat(tables(postgres("TRUNCATE TABLE t"))).containsExactly("t");
		assertThat(tables(postgres("TRUNCATE ONLY a, ONLY b * RESTART IDENTITY"))).containsExactly("a", "b");
		assertThat(tables(mysql("TRUNCATE TABLE `t`"))).containsExactly("t");
	}

	@Test
	void truncateCascadeMayEmptyOtherTables() {
		assertThat(postgres("TRUNCATE a CASCADE")).isInstanceOf(DownStatement.Unknown.class);
	}

	@Test
	void deleteWithoutWhereEmptiesTheTable() {
		assertThat(tables(sqlite("DELETE FROM t"))).containsExactly("t");
		assertThat(tables(postgres("DELETE FROM ONLY s.t AS x RETURNING *"))).containsExactly("s.t");
		assertThat(sqlite("DELETE FROM t WHERE id = 1")).isInstanceOf(DownStatement.None.class);
		assertThat(sqlite("DELETE FROM t -- WHERE id = 1")).isInstanceOf(DownStatement.EmptyTables.class);
	}

	@Test
	void mysqlMultiTableDeleteWithoutWhereMayLoseData() {
		assertThat(mysql("DELETE t FROM t JOIN u ON t.id = u.id")).isInstanceOf(DownStatement.Unknown.class);
		assertThat(mysql("DELETE t FROM t JOIN u ON t.id = u.id WHERE u.x = 1")).isInstanceOf(DownStatement.None.class);
		assertThat(postgres("DELETE FROM t USING u")).isInstanceOf(DownStatement.Unknown.class);
	}

	@Test
	void whereInsideAStringOrSubqueryIsNotTheStatementsWhere() {
		assertThat(tables(sqlite("DELETE FROM t"))).containsExactly("t");
		assertThat(postgres("UPDATE t SET note = 'WHERE'")).isInstanceOf(DownStatement.OverwriteRows.class);
		assertThat(postgres("UPDATE t SET n = (SELECT max(n) FROM u WHERE u.id = 1)"))
			.isInstanceOf(DownStatement.OverwriteRows.class);
		assertThat(postgres("UPDATE t SET n = 1 WHERE id = 2")).isInstanceOf(DownStatement.None.class);
	}

	@Test
	void alterTableDropColumnInEveryForm() {
		DownStatement.DropColumns drop = (DownStatement.DropColumns) mysql(
				"ALTER TABLE `t` DROP COLUMN a, DROP b, ADD COLUMN c INT, DROP INDEX i");
		assertThat(drop.table().display()).isEqualTo("t");
		assertThat(drop.columns()).extracting(DownStatement.Name::display).containsExactly("a", "b");
		DownStatement.DropColumns pg = (DownStatement.DropColumns) postgres(
				"ALTER TABLE IF EXISTS ONLY s.t DROP COLUMN IF EXISTS \"Email\" CASCADE");
		assertThat(pg.columns()).extracting(DownStatement.Name::display).containsExactly("Email");
		assertThat(sqlite("ALTER /* x */ TABLE t DROP /* y */ c")).isInstanceOf(DownStatement.DropColumns.class);
	}

	@Test
	void droppingConstraintsAndDefaultsLosesNoData() {
		assertThat(postgres("ALTER TABLE t DROP CONSTRAINT t_pk")).isInstanceOf(DownStatement.None.class);
		assertThat(postgres("ALTER TABLE t ALTER COLUMN c DROP DEFAULT, ALTER COLUMN d DROP NOT NULL"))
			.isInstanceOf(DownStatement.None.class);
		assertThat(mysql("ALTER TABLE t DROP PRIMARY KEY, DROP FOREIGN KEY fk")).isInstanceOf(DownStatement.None.class);
		assertThat(mysql("ALTER TABLE t DROP PARTITION p1")).isInstanceOf(DownStatement.Unknown.class);
	}

	@Test
	void schemasAndDatabasesMayLoseData() {
		assertThat(postgres("DROP SCHEMA IF EXISTS s CASCADE")).isInstanceOf(DownStatement.Unknown.class);
		assertThat(mysql("DROP DATABASE shop")).isInstanceOf(DownStatement.Unknown.class);
	}

	@ParameterizedTest
	@ValueSource(strings = { "DROP INDEX i", "DROP VIEW v CASCADE", "DROP MATERIALIZED VIEW m", "DROP TRIGGER tr",
			"DROP SEQUENCE s", "DROP FUNCTION f(int)", "DROP TYPE mood", "CREATE TABLE t (id int)",
			"INSERT INTO t VALUES (1)", "SELECT 1", "COMMENT ON TABLE t IS 'DROP TABLE t'" })
	void statementsThatKeepTheData(String sql) {
		assertThat(postgres(sql)).isInstanceOf(DownStatement.None.class);
	}

	@ParameterizedTest
	@ValueSource(strings = { "DROP TYPE mood CASCADE", "DROP OWNED BY app", "DROP FOREIGN TABLE f",
			"DROP TABLE t WITH SOMETHING", "REPLACE INTO t VALUES (1)", "UPDATE t JOIN u ON t.a = u.a SET t.b = 1",
			"WITH gone AS (DELETE FROM t RETURNING *) SELECT count(*) FROM gone",
			"DO $$ BEGIN EXECUTE 'DROP TABLE ' || 't'; END $$", "MERGE INTO t USING u ON t.id = u.id WHEN MATCHED THEN DELETE" })
	void destructiveFormsTheReaderCannotCountMayLoseData(String sql) {
		assertThat(postgres(sql)).isInstanceOf(DownStatement.Unknown.class);
	}

	@Test
	void mysqlExecutableCommentIsCode() {
		assertThat(tables(mysql("/*!40000 DROP TABLE t */"))).containsExactly("t");
		assertThat(mysql("/* DROP TABLE t */ SELECT 1")).isInstanceOf(DownStatement.None.class);
	}

	@Test
	void tableRebuildCopyNamesItsSource() {
		DownStatement.Copy copy = (DownStatement.Copy) sqlite(
				"INSERT INTO users_old (id) /* from */ SELECT id FROM \"users\" WHERE 1");
		assertThat(copy.source().key()).isEqualTo("users");
		assertThat(((DownStatement.Copy) postgres("CREATE TABLE t2 AS SELECT * FROM s.t")).source().key()).isEqualTo("t");
		assertThat(sqlite("CREATE TRIGGER tr AFTER DELETE ON a BEGIN INSERT INTO log SELECT * FROM t; END"))
			.isInstanceOf(DownStatement.None.class);
	}

	@ParameterizedTest
	@ValueSource(strings = { "(SELECT 1)", "WITH x AS (SELECT 1) SELECT * FROM x", "ALTER INDEX i RENAME TO j",
			"ALTER TABLE t ALTER COLUMN c DROP DEFAULT", "ALTER TABLE t ALTER COLUMN c DROP NOT NULL",
			"INSERT INTO t SELECT 1", "CREATE TABLE t2 AS SELECT 1", "DO $$ BEGIN PERFORM 1; END $$",
			"ALTER TABLE t ADD COLUMN c int", "ALTER TABLE t ADD CONSTRAINT ck CHECK (x > 0), ALTER COLUMN c DROP NOT NULL" })
	void formsThatTakeNoRowsAreNoLoss(String sql) {
		assertThat(postgres(sql)).isInstanceOf(DownStatement.None.class);
	}

	@ParameterizedTest
	@ValueSource(strings = { "TRUNCATE TABLE t RESTART SEQUENCES", "TRUNCATE TABLE", "DROP TABLE (t)",
			"ALTER TABLE t DROP COLUMN (c)", "ALTER TABLE t DROP COLUMN c, DROP COLUMN d WITH EXTRA",
			"ALTER TABLE t ALTER COLUMN c DROP EVERYTHING", "ALTER TABLE t ALTER COLUMN c DROP", "TRUNCATE TABLE t NOW" })
	void malformedOrUnreadFormsAreAPossibleLossNotAnError(String sql) {
		assertThat(postgres(sql)).isInstanceOf(DownStatement.Unknown.class);
	}

	@Test
	void sqlitesUpdateOrReplaceOverwritesTheTablesRows() {
		assertThat(sqlite("UPDATE OR REPLACE t SET a = 1")).isInstanceOf(DownStatement.OverwriteRows.class);
		assertThat(sqlite("UPDATE OR IGNORE t SET a = 1 WHERE id = 2")).isInstanceOf(DownStatement.None.class);
	}

	@Test
	void deleteWithAQuotedAliasEmptiesTheTable() {
		assertThat(tables(postgres("DELETE FROM t \"gone\""))).containsExactly("t");
	}

	@Test
	void anEmptyStatementIsNoLoss() {
		assertThat(DownStatement.of(List.of(), new StatementWords(new SqliteStatementSplitter())))
			.isInstanceOf(DownStatement.None.class);
	}

}
