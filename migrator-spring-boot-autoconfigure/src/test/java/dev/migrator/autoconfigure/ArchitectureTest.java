package dev.migrator.autoconfigure;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Rules that keep the Spring Boot module layered: the optional integrations build on the core one. */
class ArchitectureTest {

	private static final JavaClasses MODULE = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.migrator.autoconfigure");

	@Test
	void packagesAreFreeOfCycles() {
		slices().matching("dev.migrator.(**)").should().beFreeOfCycles().check(MODULE);
	}

	@Test
	void theCoreIntegrationNeedsNoOptionalDependency() {
		noClasses().that()
			.resideInAnyPackage("dev.migrator.autoconfigure", "dev.migrator.autoconfigure.event")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework.boot.actuate..", "org.springframework.boot.health..",
					"io.micrometer..", "dev.migrator.autoconfigure.actuate..", "dev.migrator.autoconfigure.metrics..")
			.check(MODULE);
	}

	@Test
	void usesOnlyThePublicEngineApi() {
		noClasses().should().dependOnClassesThat().resideInAPackage("dev.migrator.core.internal..").check(MODULE);
	}

}
