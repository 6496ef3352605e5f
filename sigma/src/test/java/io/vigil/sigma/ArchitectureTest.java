package io.vigil.sigma;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The engine stays a plain library: no framework, no file or network I/O, no test helpers. */
class ArchitectureTest {
    private static final JavaClasses ENGINE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.vigil.sigma");

    @Test
    void shouldNotDependOnFrameworksOrOtherVigilModules() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.springframework..", "jakarta..", "io.vigil.server..", "io.vigil.telemetry..")
                .because("sigma is a plain library; adapt events with a SigmaEvent implementation instead")
                .check(ENGINE);
    }

    @Test
    void shouldNotDoFileOrNetworkIo() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("java.nio.file..", "java.net..", "java.sql..")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("java.io.File")
                .because("the engine only reads the rule text it is given; callers do the I/O")
                .check(ENGINE);
    }

    @Test
    void shouldKeepTheYamlLibraryInsideInternal() {
        noClasses()
                .that()
                .resideInAPackage("io.vigil.sigma")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.snakeyaml..", "com.google.re2j..")
                .because("the API must not expose library types; parse in io.vigil.sigma.internal")
                .check(ENGINE);
    }
}
