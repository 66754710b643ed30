package nl.ketenhub.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The hub's own settings ({@code ketenhub.*}); broker, database and Camel component options stay under their own
 * prefixes.
 *
 * @param hubOin the hub's own OIN: the recipient of consent messages and the sender of the notices it writes itself
 * @param dataDir directory of the embedded broker journal and the embedded database
 * @param pseudonymKey secret key of the keyed pseudonym (HMAC-SHA256) that replaces BSNs in the ledger, logs and
 *     metrics; at least 32 characters
 * @param intake limits and consumers of the intake edges
 * @param queues names of the hub's own queues
 * @param delivery redelivery and parking of deliveries to partners
 * @param demo demo mode: seeded demo partners with fixed keys and simulated partner endpoints
 * @param broker tuning of the embedded broker (ignored when the hub uses an external broker)
 * @param core the core routing queue's consumers
 * @param partners what partner registrations may hold
 * @param tls the hub's client certificate on outbound deliveries
 * @param jms how senders on the message bus are identified
 */
@Validated
@ConfigurationProperties(prefix = "ketenhub")
public record KetenhubProperties(
        @NotBlank @Pattern(regexp = "[0-9A-Z]{20}") String hubOin,
        @NotBlank String dataDir,
        @NotBlank @jakarta.validation.constraints.Size(min = 32) String pseudonymKey,
        @Valid @NotNull @DefaultValue Intake intake,
        @Valid @NotNull @DefaultValue Queues queues,
        @Valid @NotNull @DefaultValue Delivery delivery,
        @Valid @NotNull @DefaultValue Demo demo,
        @Valid @NotNull @DefaultValue Broker broker,
        @Valid @NotNull @DefaultValue Core core,
        @Valid @NotNull @DefaultValue Partners partners,
        @Valid @NotNull @DefaultValue Tls tls,
        @Valid @NotNull @DefaultValue Jms jms) {

    /**
     * Limits of the intake edges and the consumers of the JMS intake queue.
     *
     * @param maxMessageBytes largest accepted message in bytes; larger ones are answered with 413 (SOAP: too-large)
     * @param consumers concurrent consumers of the JMS intake queue
     * @param maxConsumers most concurrent consumers of the JMS intake queue; more than consumers are started
     *     while it has a backlog
     */
    public record Intake(
            @DefaultValue("1048576") @Min(1024) int maxMessageBytes,
            @DefaultValue("2") @Min(1) int consumers,
            @DefaultValue("4") @Min(1) int maxConsumers) {}

    /**
     * Names of the hub's queues.
     *
     * @param jmsIntake where partners on the bus put canonical envelopes
     * @param jmsReplies where answers to bus partners go when a message names no JMSReplyTo
     * @param core the durable intake queue behind every edge, consumed by the core route
     * @param deliveryPrefix prefix of the one delivery queue per partner (prefix + OIN)
     */
    public record Queues(
            @DefaultValue("ketenhub.intake.jms") String jmsIntake,
            @DefaultValue("ketenhub.intake.replies") String jmsReplies,
            @DefaultValue("ketenhub.core") String core,
            @DefaultValue("ketenhub.delivery.") String deliveryPrefix) {}

    /**
     * Redelivery of failed deliveries: the broker redelivers with exponential back-off; after the last attempt the
     * hub parks the delivery in the database.
     *
     * @param maxAttempts attempts before a delivery is parked
     * @param initialDelay delay before the second attempt
     * @param multiplier back-off multiplier between attempts
     * @param maxDelay longest delay between attempts
     * @param httpTimeout connect and response timeout of REST deliveries
     * @param consumers consumers of each partner's delivery queue; deliveries travel in JMS message groups, one per
     *     student, so every message about one student goes to one consumer in turn. As many as the core routing queue
     *     has: delivering a message costs about as much as taking it in or routing it, and the stages share the
     *     processors by their busy consumers, so with fewer the deliveries fell behind whenever the hub was busy (see the
     *     README's benchmark section)
     */
    public record Delivery(
            @DefaultValue("12") @Min(1) int maxAttempts,
            @DefaultValue("2s") @NotNull Duration initialDelay,
            @DefaultValue("2.0") double multiplier,
            @DefaultValue("10m") @NotNull Duration maxDelay,
            @DefaultValue("10s") @NotNull Duration httpTimeout,
            @DefaultValue("4") @Min(1) int consumers) {}

    /**
     * Demo mode.
     *
     * @param enabled seed demo partners with their documented keys and run the simulated partners; demo keys are
     *     refused when this is off
     * @param baseUrl where the demo traffic and the simulated partners reach the hub's API; the port the hub actually
     *     listens on replaces the one given here unless base-url-fixed is set
     * @param baseUrlFixed use base-url as it is, without the port the hub actually listens on
     * @param ackDelay how long a simulated MBO takes to acknowledge a dossier
     * @param traffic the school year demo mode can play through the hub's own API
     */
    public record Demo(
            @DefaultValue("false") boolean enabled,
            @DefaultValue("http://localhost:8080") @NotBlank String baseUrl,
            @DefaultValue("false") boolean baseUrlFixed,
            @DefaultValue("2s") @NotNull Duration ackDelay,
            @Valid @NotNull @DefaultValue Traffic traffic) {}

    /**
     * Demo traffic: a small school year played through the hub's own REST API.
     *
     * @param students students of the school year played at start-up; 0 plays none
     * @param pace time between the school year's steps
     */
    public record Traffic(
            @DefaultValue("0") @Min(0) int students,
            @DefaultValue("3s") @NotNull Duration pace) {}

    /**
     * Tuning of the embedded Artemis broker.
     *
     * @param journalBufferTimeout how long the journal gathers writes before one flush; Artemis's NIO default (about
     *     3.3 ms) caps a single transacted flow near 300 messages per second
     * @param addressMaxSize memory an address may hold before it pages to disk, so a large backlog never exhausts the heap
     * @param intakeRedeliveryDelay delay before a failed intake or core message is redelivered
     * @param maxIntakeDeliveries attempts at an intake or core message before the broker moves it to the dead-letter queue
     */
    public record Broker(
            @DefaultValue("250us") Duration journalBufferTimeout,
            @DefaultValue("16MB") org.springframework.util.unit.DataSize addressMaxSize,
            @DefaultValue("1s") Duration intakeRedeliveryDelay,
            @DefaultValue("10") @Min(1) int maxIntakeDeliveries) {}

    /**
     * The core routing queue.
     *
     * @param consumers concurrent consumers of the core routing queue
     */
    public record Core(@DefaultValue("4") @Min(1) int consumers) {}

    /**
     * Partner registrations.
     *
     * @param allowPlainHttp allow http:// partner endpoints outside demo mode (local test setups only)
     */
    public record Partners(@DefaultValue("false") boolean allowPlainHttp) {}

    /**
     * Two-way TLS on outbound deliveries.
     *
     * @param clientBundle SSL bundle (under spring.ssl.bundle) with the hub's client certificate and the trust store
     *     for partners' server certificates; without it deliveries present no certificate and trust the JVM's default
     *     trust store
     */
    public record Tls(@DefaultValue("ketenhub-client") @NotBlank String clientBundle) {}

    /**
     * Senders on the message bus.
     *
     * @param brokerValidatedUser the external broker authenticates every JMS client and stamps the validated user on
     *     each message (populate-validated-user): the hub then takes JMSXUserID as the sender's login
     */
    public record Jms(@DefaultValue("false") boolean brokerValidatedUser) {}
}
