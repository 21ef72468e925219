package dev.migrator.core.internal.sql;

import java.util.List;

/**
 * H2: standard SQL quoting and comments, plus {@code $$...$$} source bodies ({@code CREATE ALIAS ...
 * AS $$ ... $$}), and {@code BEGIN [TRANSACTION]} as a transaction start.
 */
public final class H2StatementSplitter extends StatementSplitter {

	@Override
	protected boolean dollarQuotes() {
		return true;
	}

	@Override
	protected TransactionControl transactionControl(List<String> words) {
		return words.get(0).equals("BEGIN") ? TransactionControl.BEGIN : super.transactionControl(words);
	}

}
