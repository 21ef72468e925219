package dev.migrator.smoke.twodatasources;

import javax.sql.DataSource;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/** An application with two databases and, as first written, no word on which one to migrate. */
@SpringBootApplication
public class TwoDataSourcesApplication {

	@Bean
	DataSource orders(Environment environment) {
		return sqlite(environment.getProperty("orders.url"));
	}

	@Bean
	DataSource reports(Environment environment) {
		return sqlite(environment.getProperty("reports.url"));
	}

	private static DataSource sqlite(String url) {
		return new SimpleDriverDataSource(new org.sqlite.JDBC(), url);
	}

}
