package dev.migrator.core.internal.dialect;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Whether anything other than the run's own connection wrote to the database since a mark taken
 * just before the run's backup. A whole-database restore under a live application is safe only
 * when nothing did: the application's commits since the backup would be lost without a word.
 * Each dialect answers with what its database can prove; where it can prove nothing, the answer
 * is always "cannot tell", and the automatic restore never happens.
 */
public interface ForeignWrites {

	/**
	 * Marks now, on the run's own connection. Taken before the backup, so a write that lands
	 * between the mark and the backup's snapshot counts as foreign: a false alarm, never a miss.
	 */
	Mark mark(Connection connection) throws SQLException;

	/** What a dialect that can prove nothing answers, with the reason. */
	static ForeignWrites unprovable(String reason) {
		return (connection) -> (again) -> Optional.of(reason);
	}

	/** The state at one instant, to compare with later. */
	@FunctionalInterface
	interface Mark {

		/**
		 * Empty when it is proven that no other connection wrote since the mark; otherwise what is known
		 * of those writes (what shows them, which tables changed), in a sentence for an operator.
		 * @param connection the same connection the mark was taken on
		 */
		Optional<String> othersWrote(Connection connection) throws SQLException;

	}

}
