package io.vigil.telemetry;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Keeps the module's layering: a small API, internals behind it, no framework. */
class ArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.vigil.telemetry");

    @Test
    void shouldKeepTheApiFreeOfInternalsExceptTheParserFactory() {
        noClasses()
                .that()
                .resideInAPackage("io.vigil.telemetry")
                .and()
                .doNotHaveSimpleName("Parsers")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.vigil.telemetry.internal..")
                .because("API types are what other modules compile against; reach parsers through Parsers.forFormat")
                .check(CLASSES);
    }

    @Test
    void shouldKeepTheMappingsIndependentOfTheParsers() {
        noClasses()
                .that()
                .resideInAPackage("io.vigil.telemetry.mapping..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.vigil.telemetry.internal..")
                .because("mappings are data shared by every parser and by the server; move shared code into mapping")
                .check(CLASSES);
    }

    @Test
    void shouldUseNoFramework() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.springframework..", "jakarta..")
                .because("telemetry is a plain-Java library; framework wiring belongs in the server module")
                .check(CLASSES);
    }
}
