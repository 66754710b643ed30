package nl.ketenhub.routes;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import nl.ketenhub.absence.AbsenceProperties;
import nl.ketenhub.config.KetenhubProperties;
import nl.ketenhub.audit.RetentionProperties;
import nl.ketenhub.consent.ConsentProperties;
import nl.ketenhub.csv.CsvProperties;
import nl.ketenhub.routing.RecoveryProperties;
import nl.ketenhub.tracking.TrackingProperties;
import org.springframework.stereotype.Component;

/**
 * The hub's settings as the YAML routes read them: {@code {{hub.delivery.consumers}}} is the bound, validated
 * {@code ketenhub.delivery.consumers}, so a route neither repeats a default nor reads a key the settings records do
 * not know. The names are a fixed list ({@link #values}); a route that names another one fails the start with the
 * list of known names. Durations are given in milliseconds, which every timer, file, JMS and HTTP option here takes.
 *
 * <p>The names carry no colon ({@code hub.} rather than a properties function's {@code hub:}): a colon inside the
 * placeholder of a {@code toD} to a JMS queue makes Camel's JMS optimisation cut the static endpoint's name at it.
 * {@link RouteSettingsRegistration} adds the source to the Camel context as soon as that exists, before any route
 * file is loaded.
 */
@Component
public class RouteSettings {

    /** The prefix of the names in a route's placeholder: {@code {{hub.name}}}. */
    public static final String PREFIX = "hub.";

    private final Map<String, String> values;

    public RouteSettings(KetenhubProperties hub, CsvProperties csv, TrackingProperties tracking,
            AbsenceProperties absence, ConsentProperties consent, RetentionProperties retention,
            RecoveryProperties recovery) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("queues.jms-intake", hub.queues().jmsIntake());
        v.put("queues.jms-replies", hub.queues().jmsReplies());
        v.put("queues.core", hub.queues().core());
        v.put("queues.delivery-prefix", hub.queues().deliveryPrefix());
        v.put("intake.consumers", String.valueOf(hub.intake().consumers()));
        v.put("intake.max-consumers", String.valueOf(hub.intake().maxConsumers()));
        v.put("core.consumers", String.valueOf(hub.core().consumers()));
        v.put("delivery.consumers", String.valueOf(hub.delivery().consumers()));
        v.put("delivery.http-timeout", millis(hub.delivery().httpTimeout()));
        v.put("recovery.scan-period", millis(recovery.scanPeriod()));
        v.put("csv.inbox", csv.inbox());
        v.put("csv.poll-delay", millis(csv.pollDelay()));
        v.put("csv.write-interval", millis(csv.writeInterval()));
        v.put("tracking.scan-period", millis(tracking.scanPeriod()));
        v.put("tracking.rmc-scan-period", millis(tracking.rmcScanPeriod()));
        v.put("tracking.scan-delay", millis(tracking.scanDelay()));
        v.put("absence.scan-period", millis(absence.scanPeriod()));
        v.put("consent.expiry-scan-period", millis(consent.expiryScanPeriod()));
        v.put("retention.scan-period", millis(retention.scanPeriod()));
        this.values = Map.copyOf(v);
    }

    /** Every name a route may use after {@code hub.}, with its value as the routes get it. */
    public Map<String, String> values() {
        return values;
    }

    /** The value of {@code {{hub.name}}}. */
    public String value(String name) {
        String value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException("unknown hub setting {{" + PREFIX + name + "}} in a route; known: "
                    + new TreeSet<>(values.keySet()));
        }
        return value;
    }

    /**
     * The value of a placeholder's key: {@code hub.name} is {@link #value(String) value(name)}; any other key is not
     * this source's (null), so Camel looks further (route template parameters come before any source).
     */
    public String property(String key) {
        return key.startsWith(PREFIX) ? value(key.substring(PREFIX.length())) : null;
    }

    private static String millis(Duration duration) {
        return String.valueOf(duration.toMillis());
    }
}
