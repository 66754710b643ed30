package nl.ketenhub.conventions;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import nl.ketenhub.delivery.CategoryDecision;
import nl.ketenhub.delivery.DeliveryEndpoint;
import nl.ketenhub.delivery.DeliveryObserver;
import nl.ketenhub.delivery.ForwardingGate;
import nl.ketenhub.delivery.GateDecision;
import org.junit.jupiter.api.Test;

/**
 * The packages under {@code nl.ketenhub} depend on each other in one direction: no package reaches back into one
 * that depends on it, so a message can be followed from an edge to a partner without returning to a file already
 * left. Where a lower package must learn of something above it, it owns a port the upper package implements.
 */
class PackageStructureTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("nl.ketenhub");

    /**
     * One slice per package directly under nl.ketenhub (with its subpackages). The JAXB classes generated from the
     * SOAP edge's contract ({@code soap.xml}) are a slice of their own: the SOAP edge and the fault writers in web
     * both use them, and they depend on nothing of the edge.
     */
    private static final SliceAssignment FEATURE_PACKAGES = new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            String name = javaClass.getPackageName();
            if (!name.startsWith("nl.ketenhub.")) {
                return SliceIdentifier.ignore();
            }
            String[] parts = name.substring("nl.ketenhub.".length()).split("\\.");
            if (parts.length > 1 && parts[0].equals("soap") && parts[1].equals("xml")) {
                return SliceIdentifier.of("soap.xml");
            }
            return SliceIdentifier.of(parts[0]);
        }

        @Override
        public String getDescription() {
            return "packages directly under nl.ketenhub";
        }
    };

    @Test
    void packagesAreFreeOfCycles() {
        slices().assignedFrom(FEATURE_PACKAGES).should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void deliveryCallsConsentAndTrackingOnlyThroughItsPorts() {
        noClasses().that().resideInAPackage("nl.ketenhub.delivery..")
                .should().dependOnClassesThat().resideInAnyPackage("nl.ketenhub.consent..", "nl.ketenhub.tracking..",
                        "nl.ketenhub.absence..")
                .because("delivery declares ForwardingGate, DeliveryObserver and DeliveryEndpoint; others implement them")
                .check(MAIN);
    }

    @Test
    void consentAndTrackingSeeOfDeliveryOnlyItsPorts() {
        noClasses().that().resideInAnyPackage("nl.ketenhub.consent..", "nl.ketenhub.tracking..", "nl.ketenhub.absence..")
                .should().dependOnClassesThat(resideInAPackage("nl.ketenhub.delivery..").and(not(belongToAnyOf(
                        ForwardingGate.class, DeliveryObserver.class, DeliveryEndpoint.class, GateDecision.class,
                        CategoryDecision.class))))
                .because("what happens inside the delivery route is delivery's own")
                .check(MAIN);
    }

    @Test
    void theCoreRouteKnowsNothingOfTheFeaturesAroundIt() {
        noClasses().that().resideInAPackage("nl.ketenhub.routing..")
                .should().dependOnClassesThat().resideInAnyPackage("nl.ketenhub.intake..", "nl.ketenhub.delivery..",
                        "nl.ketenhub.consent..", "nl.ketenhub.tracking..", "nl.ketenhub.absence..", "nl.ketenhub.soap..",
                        "nl.ketenhub.csv..", "nl.ketenhub.security..", "nl.ketenhub.admin..", "nl.ketenhub.demo..")
                .check(MAIN);
    }

    @Test
    void nothingDependsOnTheConsoleOrTheDemo() {
        noClasses().that().resideOutsideOfPackages("nl.ketenhub.admin..", "nl.ketenhub.demo..")
                .should().dependOnClassesThat().resideInAnyPackage("nl.ketenhub.admin..", "nl.ketenhub.demo..")
                .check(MAIN);
    }

    /**
     * Beans the routes call take the values they read as bound parameters ({@code @Body}, {@code @Header},
     * {@code @ExchangeProperty}); only these steps, which set the exchange's properties or write the answer, take the
     * whole exchange.
     */
    @Test
    void onlyTheStepsThatWriteTheExchangeTakeIt() {
        java.util.Set<String> taking = new java.util.TreeSet<>();
        for (JavaClass c : MAIN) {
            c.getMethods().stream()
                    .filter(m -> m.getModifiers().contains(com.tngtech.archunit.core.domain.JavaModifier.PUBLIC))
                    .filter(m -> m.getRawParameterTypes().stream().anyMatch(t -> t.isEquivalentTo(org.apache.camel.Exchange.class)))
                    .forEach(m -> taking.add(c.getSimpleName() + "." + m.getName()));
        }
        org.assertj.core.api.Assertions.assertThat(taking)
                .containsExactlyInAnyOrder("DeliveryService.prepare", "DeliveryService.gate", "JmsIntake.handle");
    }
}
