package dev.migrator.sample;

/**
 * A task on the list.
 *
 * @param id its id
 * @param title what to do
 * @param priority low, normal or high
 * @param done whether it is done
 * @param createdAt when it was added, as SQLite writes it
 */
public record Task(long id, String title, String priority, boolean done, String createdAt) {
}
