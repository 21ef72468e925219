package dev.migrator.core.api;

/**
 * Where one tenant stands: its {@code status()}, or why it could not be read.
 *
 * @param name the tenant
 * @param status its migrations' states; null when it could not be read
 * @param failure why it could not be read (unreachable, not created yet, ...); null when it was
 */
public record TenantStatus(String name, InfoResult status, RuntimeException failure) {
}
