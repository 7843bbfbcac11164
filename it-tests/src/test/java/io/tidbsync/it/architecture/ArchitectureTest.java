package io.tidbsync.it.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The hexagon's rules (DEVELOPERS.md, style.md), checked on every module's main classes. */
class ArchitectureTest {
  static final JavaClasses CLASSES = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      // the domain's test-jar (in-memory fakes) is on the classpath as a jar, not test-classes
      .withImportOption(location -> !location.contains("-tests.jar"))
      .importPackages("io.tidbsync");

  @Test
  void theImportFoundEveryModule() {
    org.assertj.core.api.Assertions.assertThat(CLASSES.stream().map(c -> c.getPackageName()).distinct())
        .contains("io.tidbsync.domain", "io.tidbsync.source.tidb", "io.tidbsync.destination.duckdb",
            "io.tidbsync.state.file", "io.tidbsync.app.cli");
  }

  @Test
  void theDomainDependsOnTheJdkAndItselfOnly() {
    classes().that().resideInAPackage("io.tidbsync.domain..")
        .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.tidbsync.domain..")
        .because("the domain is pure Java: no jOOQ, Guice, Jackson, JDBC or logging framework")
        .check(CLASSES);
  }

  @Test
  void theDomainUsesNoJdbc() {
    noClasses().that().resideInAPackage("io.tidbsync.domain..")
        .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..")
        .check(CLASSES);
  }

  @Test
  void noAdapterDependsOnAnotherAdapterOrOnTheApp() {
    slices().matching("io.tidbsync.(source|destination|state)..")
        .should().notDependOnEachOther()
        .check(CLASSES);
    noClasses().that().resideInAnyPackage("io.tidbsync.source..", "io.tidbsync.destination..", "io.tidbsync.state..")
        .should().dependOnClassesThat().resideInAPackage("io.tidbsync.app..")
        .check(CLASSES);
    noClasses().that().resideInAPackage("io.tidbsync.source..")
        .should().dependOnClassesThat().resideInAnyPackage("io.tidbsync.destination..", "io.tidbsync.state..")
        .check(CLASSES);
    noClasses().that().resideInAPackage("io.tidbsync.destination..")
        .should().dependOnClassesThat().resideInAnyPackage("io.tidbsync.source..", "io.tidbsync.state..")
        .check(CLASSES);
    noClasses().that().resideInAPackage("io.tidbsync.state..")
        .should().dependOnClassesThat().resideInAnyPackage("io.tidbsync.source..", "io.tidbsync.destination..")
        .check(CLASSES);
  }

  @Test
  void noPlainSqlJooqCallsSoNothingIsSplicedIntoSql() {
    noClasses().should().callMethodWhere(
            com.tngtech.archunit.core.domain.JavaCall.Predicates.target(
                com.tngtech.archunit.core.domain.properties.CanBeAnnotated.Predicates.annotatedWith("org.jooq.PlainSQL")))
        .check(CLASSES);
  }

  @Test
  void injectionIsThroughConstructorsOnly() {
    fields().should().notBeAnnotatedWith("com.google.inject.Inject")
        .andShould().notBeAnnotatedWith("jakarta.inject.Inject")
        .check(CLASSES);
  }

  @Test
  void driverExceptionsDoNotCrossPorts() {
    noClasses().that().resideInAPackage("io.tidbsync.app..")
        .should().dependOnClassesThat().haveFullyQualifiedName("java.sql.SQLException")
        .orShould().dependOnClassesThat().haveFullyQualifiedName("org.jooq.exception.DataAccessException")
        .check(CLASSES);
  }
}
