package dev.migrator.core.internal.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Each dialect's splitter tells the statements that control a transaction from those that only
 * mention its words: in strings, comments, dollar quotes, routine and trigger bodies, identifiers.
 */
class TransactionControlClassificationTest {

	private static final TransactionControl NONE = TransactionControl.NONE;

	private static final TransactionControl BEGIN = TransactionControl.BEGIN;

	private static final TransactionControl COMMIT = TransactionControl.COMMIT;

	private static final TransactionControl OTHER = TransactionControl.OTHER;

	private static List<TransactionControl> controls(StatementSplitter splitter, String script) {
		return splitter.split(script).stream().map(SqlStatement::control).toList();
	}

	private static TransactionControl one(StatementSplitter splitter, String statement) {
		List<SqlStatement> statements = splitter.split(statement);
		assertThat(statements).as(statement).hasSize(1);
		return statements.get(0).control();
	}

	@Test
	void sqliteClassifiesEveryFormOfBeginCommitEndAndRollback() {
		StatementSplitter sqlite = new SqliteStatementSplitter();
		for (String begin : List.of("BEGIN", "begin", "BEGIN TRANSACTION", "BEGIN DEFERRED", "BEGIN IMMEDIATE TRANSACTION",
				"Begin Exclusive", "/* x */ BEGIN", "BEGIN /* x */ TRANSACTION", "BEGIN\n")) {
			assertThat(one(sqlite, begin + ";")).as(begin).isEqualTo(BEGIN);
		}
		for (String commit : List.of("COMMIT", "commit\n", "COMMIT TRANSACTION", "END", "end transaction",
				"-- done\nCOMMIT")) {
			assertThat(one(sqlite, commit + ";")).as(commit).isEqualTo(COMMIT);
		}
		assertThat(one(sqlite, "ROLLBACK;")).isEqualTo(OTHER);
		assertThat(one(sqlite, "rollback transaction;")).isEqualTo(OTHER);
		// back to a savepoint: the transaction goes on
		assertThat(one(sqlite, "ROLLBACK TO SAVEPOINT s;")).isEqualTo(NONE);
		assertThat(one(sqlite, "ROLLBACK TRANSACTION TO s;")).isEqualTo(NONE);
		assertThat(one(sqlite, "SAVEPOINT s;")).isEqualTo(NONE);
		assertThat(one(sqlite, "RELEASE s;")).isEqualTo(NONE);
	}

	@Test
	void sqliteIgnoresTheWordsInStringsCommentsIdentifiersAndTriggerBodies() {
		StatementSplitter sqlite = new SqliteStatementSplitter();
		assertThat(controls(sqlite, """
				INSERT INTO t VALUES ('COMMIT; BEGIN');
				-- COMMIT;
				/* BEGIN; */ SELECT 1;
				CREATE TABLE "commit" (x);
				"commit";
				[begin];
				CREATE TRIGGER tr AFTER INSERT ON t BEGIN
				  UPDATE t SET x = 1;
				  SELECT CASE WHEN 1 THEN 'a' END;
				END;
				SELECT "end" FROM t;
				UPDATE t SET begin_date = 1;
				""")).containsOnly(NONE);
	}

	@Test
	void postgresClassifiesTransactionsAndTwoPhaseCommit() {
		StatementSplitter pg = new PostgresStatementSplitter();
		for (String begin : List.of("BEGIN", "BEGIN WORK", "begin transaction isolation level serializable",
				"START TRANSACTION", "start transaction read write", "/* a */ BEGIN")) {
			assertThat(one(pg, begin + ";")).as(begin).isEqualTo(BEGIN);
		}
		for (String commit : List.of("COMMIT", "COMMIT WORK", "commit transaction", "END", "END WORK",
				"COMMIT AND CHAIN", "commit\n")) {
			assertThat(one(pg, commit + ";")).as(commit).isEqualTo(COMMIT);
		}
		for (String other : List.of("ROLLBACK", "ROLLBACK WORK", "ABORT", "PREPARE TRANSACTION 'x'",
				"COMMIT PREPARED 'x'", "ROLLBACK PREPARED 'x'")) {
			assertThat(one(pg, other + ";")).as(other).isEqualTo(OTHER);
		}
		for (String none : List.of("ROLLBACK TO SAVEPOINT s", "ROLLBACK TO s", "rollback work to savepoint s",
				"SAVEPOINT s", "RELEASE SAVEPOINT s", "PREPARE q AS SELECT 1", "SET TRANSACTION ISOLATION LEVEL SERIALIZABLE",
				"LOCK TABLE t IN ACCESS EXCLUSIVE MODE")) {
			assertThat(one(pg, none + ";")).as(none).isEqualTo(NONE);
		}
	}

	@Test
	void postgresIgnoresTheWordsInBodiesDollarQuotesAndStrings() {
		StatementSplitter pg = new PostgresStatementSplitter();
		assertThat(controls(pg, """
				DO $$ BEGIN
				  INSERT INTO t VALUES (1);
				  COMMIT;
				END $$;
				CREATE FUNCTION f() RETURNS void LANGUAGE plpgsql AS $body$
				BEGIN
				  ROLLBACK;
				END
				$body$;
				CREATE PROCEDURE p() LANGUAGE sql BEGIN ATOMIC
				  INSERT INTO t VALUES (1);
				END;
				SELECT E'it\\'s COMMIT';
				SELECT 'END';
				/* COMMIT; /* nested */ BEGIN; */ SELECT 1;
				ALTER TABLE "commit" ADD COLUMN "end" int;
				"commit";
				""")).containsOnly(NONE);
	}

	@Test
	void mysqlClassifiesTransactionsAutocommitXaAndTableLocks() {
		StatementSplitter mysql = new MysqlStatementSplitter();
		for (String begin : List.of("BEGIN", "BEGIN WORK", "START TRANSACTION", "start transaction with consistent snapshot")) {
			assertThat(one(mysql, begin + ";")).as(begin).isEqualTo(BEGIN);
		}
		for (String commit : List.of("COMMIT", "COMMIT WORK", "commit and no chain")) {
			assertThat(one(mysql, commit + ";")).as(commit).isEqualTo(COMMIT);
		}
		for (String other : List.of("ROLLBACK", "ROLLBACK WORK", "SET autocommit = 0", "SET @@autocommit=1",
				"set session autocommit = 1", "SET @@session.autocommit = 0", "SET LOCAL autocommit=0",
				"XA START 'x'", "XA COMMIT 'x'", "LOCK TABLES t WRITE", "lock table t read", "UNLOCK TABLES")) {
			assertThat(one(mysql, other + ";")).as(other).isEqualTo(OTHER);
		}
		for (String none : List.of("ROLLBACK TO SAVEPOINT s", "ROLLBACK WORK TO s", "SAVEPOINT s", "RELEASE SAVEPOINT s",
				"SET TRANSACTION ISOLATION LEVEL READ COMMITTED", "SET sql_mode = ''", "END")) {
			assertThat(one(mysql, none + ";")).as(none).isEqualTo(NONE);
		}
	}

	@Test
	void mysqlIgnoresTheWordsInCompoundStatementsStringsAndComments() {
		StatementSplitter mysql = new MysqlStatementSplitter();
		assertThat(controls(mysql, """
				DELIMITER //
				CREATE PROCEDURE p()
				BEGIN
				  START TRANSACTION;
				  INSERT INTO t VALUES (1);
				  COMMIT;
				END //
				CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW BEGIN
				  SET NEW.x = 1;
				END //
				BEGIN NOT ATOMIC
				  SELECT 1;
				END //
				DELIMITER ;
				SELECT "COMMIT", 'ROLLBACK';
				# COMMIT;
				-- BEGIN;
				SELECT `commit` FROM `begin`;
				`commit`;
				""")).containsOnly(NONE);
	}

	@Test
	void hsqldbKeepsARoutinesAtomicBodyWholeWithItsNestedBlocksAndSeesTheTransactionAfterIt() {
		List<SqlStatement> statements = new HsqldbStatementSplitter().split("""
				CREATE PROCEDURE p(IN x INT) MODIFIES SQL DATA BEGIN ATOMIC
				  DECLARE y INT;
				  IF x = 1 THEN
				    SET y = CASE WHEN x = 1 THEN 2 ELSE 3 END;
				  END IF;
				  WHILE y < 10 DO
				    SET y = y + 1;
				  END WHILE;
				  BEGIN ATOMIC
				    INSERT INTO t VALUES (y);
				    COMMIT;
				  END;
				END;
				START TRANSACTION;
				INSERT INTO t VALUES (1);
				COMMIT;
				START TRANSACTION READ ONLY;
				""");

		assertThat(statements).extracting(SqlStatement::line).containsExactly(1, 14, 15, 16, 17);
		assertThat(statements.get(0).sql()).endsWith("END WHILE;\n  BEGIN ATOMIC\n    INSERT INTO t VALUES (y);\n    COMMIT;\n  END;\nEND");
		assertThat(statements).extracting(SqlStatement::control).containsExactly(NONE, BEGIN, NONE, COMMIT, BEGIN);
	}

	@Test
	void h2BeginsWithBeginAndKeepsAJavaSourceBodyInDollarQuotes() {
		StatementSplitter h2 = new H2StatementSplitter();
		assertThat(controls(h2, """
				BEGIN;
				CREATE ALIAS twice AS $$ String twice(String s) { return s + "; COMMIT;"; } $$;
				COMMIT;
				BEGIN TRANSACTION;
				ROLLBACK;
				""")).containsExactly(BEGIN, NONE, COMMIT, BEGIN, OTHER);
	}

	@Test
	void wordsThatOnlyStartLikeATransactionStatementControlNone() {
		StatementSplitter mysql = new MysqlStatementSplitter();
		for (String none : List.of("START REPLICA", "START SLAVE", "LOCK INSTANCE FOR BACKUP", "UNLOCK INSTANCE")) {
			assertThat(one(mysql, none + ";")).as(none).isEqualTo(NONE);
		}
		StatementSplitter pg = new PostgresStatementSplitter();
		assertThat(one(pg, "REINDEX SYSTEM d;")).isEqualTo(TransactionControl.OUTSIDE_ONLY);
		assertThat(controls(pg, """
				CREATE OR REPLACE PROCEDURE p() LANGUAGE sql BEGIN ATOMIC
				  INSERT INTO t VALUES (1);
				  COMMIT;
				END;
				START TRANSACTION;
				""")).containsExactly(NONE, BEGIN);
	}

	@Test
	void statementsThatCannotRunInATransactionAreTold() {
		StatementSplitter pg = new PostgresStatementSplitter();
		for (String outside : List.of("CREATE INDEX CONCURRENTLY i ON t (x)", "create unique index concurrently i on t (x)",
				"DROP INDEX CONCURRENTLY i", "REINDEX INDEX CONCURRENTLY i", "REINDEX (VERBOSE) TABLE CONCURRENTLY t",
				"REINDEX DATABASE d", "REINDEX SCHEMA s", "VACUUM", "vacuum (analyze) t", "ALTER SYSTEM SET work_mem = '8MB'",
				"CREATE DATABASE d", "DROP DATABASE d", "CREATE TABLESPACE s LOCATION '/x'", "DROP TABLESPACE s")) {
			assertThat(one(pg, outside + ";")).as(outside).isEqualTo(TransactionControl.OUTSIDE_ONLY);
			assertThat(TransactionControl.OUTSIDE_ONLY.controls()).isFalse();
		}
		for (String inside : List.of("CREATE INDEX i ON t (x)", "CREATE INDEX concurrently_idx ON t (x)", "DROP INDEX i",
				"REINDEX INDEX i", "REINDEX TABLE t", "ALTER TABLE system ADD x int", "SELECT 'VACUUM'",
				"CREATE TABLE database (x int)", "ANALYZE t")) {
			assertThat(one(pg, inside + ";")).as(inside).isEqualTo(NONE);
		}
		StatementSplitter sqlite = new SqliteStatementSplitter();
		assertThat(one(sqlite, "VACUUM;")).isEqualTo(TransactionControl.OUTSIDE_ONLY);
		assertThat(one(sqlite, "vacuum main;")).isEqualTo(TransactionControl.OUTSIDE_ONLY);
		assertThat(one(sqlite, "SELECT 'VACUUM';")).isEqualTo(NONE);
		assertThat(one(new MysqlStatementSplitter(), "CREATE INDEX i ON t (x);")).isEqualTo(NONE);
	}

	@Test
	void aWrapperAndAMidScriptCommitAreSeenAtTheirLines() {
		List<SqlStatement> statements = new PostgresStatementSplitter().split("""
				begin;
				CREATE TABLE a (x int);
				/* half done */ commit
				;
				CREATE TABLE b (x int);
				""");
		assertThat(statements).extracting(SqlStatement::line).containsExactly(1, 2, 3, 5);
		assertThat(statements).extracting(SqlStatement::control).containsExactly(BEGIN, NONE, COMMIT, NONE);
	}

}
