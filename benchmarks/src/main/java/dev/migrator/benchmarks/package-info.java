/**
 * Side-by-side benchmarks: Migrator against Flyway, Liquibase and raw JDBC doing the same statements.
 * How to run them and what they found: {@code docs/BENCHMARKS.md}.
 */
package dev.migrator.benchmarks;
