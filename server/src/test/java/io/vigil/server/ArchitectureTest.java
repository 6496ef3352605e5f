package io.vigil.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Controller;
import org.springframework.stereotype.Repository;
import org.springframework.web.bind.annotation.RestController;

/** The layering rules of ARCHITECTURE.md, checked on the compiled server classes. */
class ArchitectureTest {

    private static final String CAPABILITIES = "io.vigil.server.(*)..";

    private final JavaClasses server = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.vigil.server");

    private static final DescribedPredicate<JavaClass> VALUE_TYPES = new DescribedPredicate<>("records and enums") {
        @Override
        public boolean test(JavaClass c) {
            return c.getRawSuperclass()
                    .map(s -> s.getName().equals("java.lang.Record")
                            || s.getName().equals("java.lang.Enum"))
                    .orElse(false);
        }
    };

    @Test
    void platformDependsOnNoCapability() {
        noClasses()
                .that()
                .resideInAPackage("io.vigil.server.platform..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.vigil.server.tenant..",
                        "io.vigil.server.api..",
                        "io.vigil.server.portal..",
                        "io.vigil.server.asset..",
                        "io.vigil.server.ingest..",
                        "io.vigil.server.store..",
                        "io.vigil.server.hunt..",
                        "io.vigil.server.intel..",
                        "io.vigil.server.detection..",
                        "io.vigil.server.triage..",
                        "io.vigil.server.incident..",
                        "io.vigil.server.response..",
                        "io.vigil.server.report..")
                .because("platform is the foundation every capability uses; move the code that needs a capability"
                        + " into that capability, or pass what platform needs in as a platform type")
                .check(server);
    }

    @Test
    void nothingDependsOnThePortal() {
        noClasses()
                .that()
                .resideOutsideOfPackage("io.vigil.server.portal..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.vigil.server.portal..")
                .because("the portal is the top edge: put what others need into the capability that owns it"
                        + " and let the portal call it")
                .check(server);
    }

    @Test
    void onlyThePortalDependsOnTheApiPackage() {
        noClasses()
                .that()
                .resideOutsideOfPackages("io.vigil.server.api..", "io.vigil.server.portal..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.vigil.server.api..")
                .because("api is an edge (HTTP + credentials); capabilities expose services that api calls,"
                        + " never the other way round")
                .check(server);
    }

    @Test
    void capabilitiesHaveNoCycles() {
        SlicesRuleDefinition.slices()
                .matching(CAPABILITIES)
                .should()
                .beFreeOfCycles()
                .because("a cycle between capabilities means one of them owns the wrong thing; move it, or"
                        + " invert the dependency with an interface in the lower capability")
                .check(server);
    }

    @Test
    void internalsStayInsideTheirCapability() {
        SlicesRuleDefinition.slices()
                .matching("io.vigil.server.(*)..")
                .should()
                .notDependOnEachOther()
                .ignoreDependency(
                        DescribedPredicate.alwaysTrue(),
                        new DescribedPredicate<JavaClass>("classes outside internal packages") {
                            @Override
                            public boolean test(JavaClass c) {
                                return !c.getPackageName().contains(".internal");
                            }
                        })
                .because("a capability's ..internal.. package is its private code: use the capability's public"
                        + " types instead, or make the type public in the capability's root package")
                .allowEmptyShould(true)
                .check(server);
    }

    @Test
    void valueTypesStayFreeOfSpring() {
        classes()
                .that(VALUE_TYPES)
                .and()
                .areNotAnnotatedWith(ConfigurationProperties.class)
                .should()
                .onlyDependOnClassesThat()
                .resideOutsideOfPackage("org.springframework..")
                .because("records and enums are the pure core (ARCHITECTURE.md: pure cores, thin edges);"
                        + " keep Spring in the services, repositories and controllers around them")
                .check(server);
    }

    @Test
    void onlyRepositoriesAndPlatformTouchSql() {
        noClasses()
                .that()
                .areNotAnnotatedWith(Repository.class)
                .and()
                .resideOutsideOfPackage("io.vigil.server.platform..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.springframework.jdbc..", "java.sql..")
                .because("SQL lives in @Repository classes that take a tenant scope; call one from your service")
                .check(server);
    }

    @Test
    void controllersGoThroughServices() {
        noClasses()
                .that()
                .areAnnotatedWith(Controller.class)
                .or()
                .areAnnotatedWith(RestController.class)
                .should()
                .dependOnClassesThat(new DescribedPredicate<>("repositories outside platform") {
                    @Override
                    public boolean test(JavaClass c) {
                        return c.isAnnotatedWith(Repository.class)
                                && !c.getPackageName().startsWith("io.vigil.server.platform");
                    }
                })
                .because("services check roles and tenant scope; a controller calling a repository skips them")
                .check(server);
    }
}
