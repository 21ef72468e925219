package dev.migrator.core.internal.resolve;

/**
 * A {@code .sql} file found in a location.
 *
 * @param name what users see: the path below the classpath root, or the file's path
 * @param fileName the last path segment
 * @param origin where exactly it came from (a URL or path), to tell apart two files of one name
 * @param bytes the raw content
 */
public record ScriptResource(String name, String fileName, String origin, byte[] bytes) {
}
