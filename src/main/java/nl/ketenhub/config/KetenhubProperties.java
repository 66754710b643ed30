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
 * @param intake limits of the intake edges
 * @param queues names of the hub's own queues
 * @param delivery redelivery and parking of deliveries to partners
 * @param demo demo mode: seeded demo partners with fixed keys and simulated partner endpoints
 * @param broker tuning of the embedded broker (ignored when the hub uses an external broker)
 */
@Validated
@ConfigurationProperties(prefix = "ketenhub")
public record KetenhubProperties(
        @NotBlank @Pattern(regexp = "[0-9A-Z]{20}") String hubOin,
        @NotBlank String dataDir,
        @NotBlank @jakarta.validation.constraints.Size(min = 32) String pseudonymKey,
        @Valid @NotNull Intake intake,
        @Valid @NotNull Queues queues,
        @Valid @NotNull Delivery delivery,
        @Valid @NotNull Demo demo,
        @Valid @NotNull Broker broker) {

    /**
     * Limits of the intake edges.
     *
     * @param maxMessageBytes largest accepted message in bytes; larger ones are answered with 413
     */
    public record Intake(@DefaultValue("1048576") @Min(1024) int maxMessageBytes) {}

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
     * @param httpTimeoutMillis connect and response timeout of REST deliveries, in milliseconds
     */
    public record Delivery(
            @DefaultValue("12") @Min(1) int maxAttempts,
            @DefaultValue("2s") Duration initialDelay,
            @DefaultValue("2.0") double multiplier,
            @DefaultValue("10m") Duration maxDelay,
            @DefaultValue("10000") @Min(100) int httpTimeoutMillis) {}

    /**
     * Demo mode.
     *
     * @param enabled seed demo partners with their documented keys and run the simulated partners; demo keys are
     *     refused when this is off
     * @param baseUrl where the simulated REST partners are reached (the hub itself)
     */
    public record Demo(@DefaultValue("false") boolean enabled, @DefaultValue("http://localhost:8080") String baseUrl) {}

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
}
