package nl.ketenhub.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import nl.ketenhub.absence.AbsenceProperties;
import nl.ketenhub.audit.RetentionProperties;
import nl.ketenhub.consent.ConsentProperties;
import nl.ketenhub.csv.CsvProperties;
import nl.ketenhub.routing.RecoveryProperties;
import nl.ketenhub.support.Settings;
import nl.ketenhub.tracking.TrackingProperties;
import org.junit.jupiter.api.Test;

/** The names the routes use after {@code hub.} and the values they get. */
class RouteSettingsTest {

    private static final Pattern HUB = Pattern.compile("\\{\\{hub\\.([^}]*)}}");

    private final RouteSettings settings = new RouteSettings(Settings.ketenhub("delivery.http-timeout", "2s"),
            Settings.bind("ketenhub.csv", CsvProperties.class, "inbox", "/data/csv/inbox"),
            Settings.bind("ketenhub.tracking", TrackingProperties.class),
            Settings.bind("ketenhub.absence", AbsenceProperties.class),
            Settings.bind("ketenhub.consent", ConsentProperties.class),
            Settings.bind("ketenhub.retention", RetentionProperties.class),
            Settings.bind("ketenhub.recovery", RecoveryProperties.class));

    @Test
    void everyNameARouteUsesIsKnownAndEveryKnownNameIsUsed() throws IOException {
        Set<String> used = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Paths.get("routes"))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".camel.yaml")).toList()) {
                Matcher m = HUB.matcher(Files.readString(file));
                while (m.find()) {
                    used.add(m.group(1));
                }
            }
        }
        assertThat(used).isNotEmpty();
        assertThat(settings.values().keySet()).containsExactlyInAnyOrderElementsOf(used);
    }

    @Test
    void shouldGiveDurationsInMillisecondsAndTheRestAsBound() {
        assertThat(settings.value("delivery.http-timeout")).isEqualTo("2000");
        assertThat(settings.value("recovery.scan-period")).isEqualTo("300000");
        assertThat(settings.value("consent.expiry-scan-period")).isEqualTo("60000");
        assertThat(settings.value("queues.delivery-prefix")).isEqualTo("ketenhub.delivery.");
        assertThat(settings.value("csv.inbox")).isEqualTo("/data/csv/inbox");
        assertThat(settings.property("hub.core.consumers")).isEqualTo("4");
        assertThat(settings.property("ketenhub.core.consumers")).as("not a hub name").isNull();
    }

    @Test
    void shouldRefuseAnUnknownNameAndListTheKnownOnes() {
        assertThatThrownBy(() -> settings.property("hub.recovery.scan-period-millis"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown hub setting {{hub.recovery.scan-period-millis}}")
                .hasMessageContaining("recovery.scan-period");
    }
}
