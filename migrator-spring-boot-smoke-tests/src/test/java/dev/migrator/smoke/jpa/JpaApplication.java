package dev.migrator.smoke.jpa;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A Spring Data JPA application as a user writes it: nothing about Migrator but the starter. */
@SpringBootApplication
public class JpaApplication {

}
