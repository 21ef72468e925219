package dev.migrator.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The rules that keep the engine usable on its own and its public API clean. */
class ArchitectureTest {

	private static final JavaClasses ENGINE = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.migrator.core");

	@Test
	void engineImportsNothingFromSpring() {
		noClasses().should().dependOnClassesThat().resideInAPackage("org.springframework..").check(ENGINE);
	}

	@Test
	void publicApiNeverExposesInternalTypes() {
		noClasses().that().resideInAPackage("dev.migrator.core.api..")
			.should().dependOnClassesThat().resideInAPackage("dev.migrator.core.internal..")
			.check(ENGINE);
	}

	@Test
	void internalsDoNotReachBackToTheFacade() {
		noClasses().that().resideInAPackage("dev.migrator.core.internal..")
			.should().dependOnClassesThat().haveFullyQualifiedName("dev.migrator.core.Migrator")
			.check(ENGINE);
	}

	@Test
	void packagesAreFreeOfCycles() {
		slices().matching("dev.migrator.core.(**)").should().beFreeOfCycles().check(ENGINE);
	}

}
