package dev.migrator.smoke.jdbc;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A plain JDBC application: JdbcTemplate, no JPA. */
@SpringBootApplication
public class JdbcApplication {

}
