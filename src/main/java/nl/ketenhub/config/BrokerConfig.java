package nl.ketenhub.config;

import java.util.List;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.settings.impl.AddressFullMessagePolicy;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.messaginghub.pooled.jms.JmsPoolConnectionFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.jms.artemis.ArtemisConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The broker's safety settings. Embedded: a persistent journal flushed every quarter millisecond, dead-letter and
 * expiry addresses so no message is ever silently dropped, broker-owned exponential redelivery for the delivery
 * queues, paging for backlogs, and the in-VM acceptor only. Every connection factory refuses to deserialize
 * ObjectMessages.
 */
@Configuration(proxyBeanMethods = false)
public class BrokerConfig {

    public static final String DEAD_LETTER_QUEUE = "DLQ";
    public static final String EXPIRY_QUEUE = "ExpiryQueue";
    /** Buckets the message groups of a delivery queue are hashed into. */
    static final int DELIVERY_GROUP_BUCKETS = 256;

    @Bean
    ArtemisConfigurationCustomizer ketenhubBroker(KetenhubProperties properties) {
        return configuration -> {
            KetenhubProperties.Broker broker = properties.broker();
            KetenhubProperties.Delivery delivery = properties.delivery();
            configuration.setJournalBufferTimeout_NIO((int) broker.journalBufferTimeout().toNanos());
            configuration.setJournalBufferTimeout_AIO((int) broker.journalBufferTimeout().toNanos());
            // Only the in-VM acceptor that Spring Boot configures: no network port is opened.
            configuration.getAcceptorConfigurations().removeIf(a -> !a.getFactoryClassName().contains("InVM"));
            configuration.addQueueConfiguration(QueueConfiguration.of(DEAD_LETTER_QUEUE).setRoutingType(RoutingType.ANYCAST));
            configuration.addQueueConfiguration(QueueConfiguration.of(EXPIRY_QUEUE).setRoutingType(RoutingType.ANYCAST));

            AddressSettings defaults = new AddressSettings()
                    .setDeadLetterAddress(SimpleString.of(DEAD_LETTER_QUEUE))
                    .setExpiryAddress(SimpleString.of(EXPIRY_QUEUE))
                    .setMaxDeliveryAttempts(broker.maxIntakeDeliveries())
                    .setRedeliveryDelay(broker.intakeRedeliveryDelay().toMillis())
                    .setRedeliveryMultiplier(2.0)
                    .setMaxRedeliveryDelay(broker.intakeRedeliveryDelay().toMillis() * 30)
                    .setMaxSizeBytes(broker.addressMaxSize().toBytes())
                    .setAddressFullMessagePolicy(AddressFullMessagePolicy.PAGE)
                    .setAutoCreateQueues(true)
                    .setAutoCreateAddresses(true);
            configuration.addAddressSetting("#", defaults);
            // The hub's own queues are never deleted by the broker, however empty and unconsumed: HubQueues
            // remembers them once resolved.
            KetenhubProperties.Queues queues = properties.queues();
            for (String queue : List.of(queues.jmsIntake(), queues.jmsReplies(), queues.core())) {
                configuration.addAddressSetting(queue, keptByTheHub(new AddressSettings(defaults)));
            }

            // Delivery queues: the broker owns the back-off, the hub parks after its last attempt; the broker's
            // dead-letter address stays behind that as a safety net.
            AddressSettings deliveries = new AddressSettings()
                    .setDeadLetterAddress(SimpleString.of(DEAD_LETTER_QUEUE))
                    .setExpiryAddress(SimpleString.of(EXPIRY_QUEUE))
                    .setMaxDeliveryAttempts(delivery.maxAttempts() + 3)
                    .setRedeliveryDelay(delivery.initialDelay().toMillis())
                    .setRedeliveryMultiplier(delivery.multiplier())
                    .setMaxRedeliveryDelay(delivery.maxDelay().toMillis())
                    .setMaxSizeBytes(broker.addressMaxSize().toBytes())
                    .setAddressFullMessagePolicy(AddressFullMessagePolicy.PAGE)
                    // Deliveries come in message groups (one per student, see DeliveryQueue.group): hashed into
                    // a fixed number of buckets, each bound to one consumer, so the broker's group table stays bounded.
                    .setDefaultGroupBuckets(DELIVERY_GROUP_BUCKETS)
                    .setAutoCreateQueues(true)
                    .setAutoCreateAddresses(true);
            configuration.addAddressSetting(queues.deliveryPrefix() + "#", keptByTheHub(deliveries));
        };
    }

    /** Settings for a queue of the hub's own: never deleted automatically. */
    static AddressSettings keptByTheHub(AddressSettings settings) {
        return settings.setAutoDeleteQueues(false).setAutoDeleteAddresses(false);
    }

    /** ObjectMessages are never turned back into Java objects: deserialization is denied for every class. */
    @Bean
    static BeanPostProcessor denyJmsDeserialization() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof JmsPoolConnectionFactory pool && pool.getConnectionFactory() instanceof ActiveMQConnectionFactory cf) {
                    lockDown(cf);
                } else if (bean instanceof ActiveMQConnectionFactory cf) {
                    lockDown(cf);
                }
                return bean;
            }
        };
    }

    /**
     * Every message the hub accepts stays a regular broker message on the hub's own hops. Artemis sends a message whose
     * body reaches its large-message threshold (100 KiB by default, text counted at two bytes a character) as a
     * "large message": a file of its own for every hop, written, synced and deleted again. A full dossier of about
     * 180 KB took that path on each hop through the hub; as a regular message it goes into the journal with the rest,
     * and paging still bounds what the broker holds in memory. The settings are looked up when the first connection
     * factory is made, not when this early post-processor is, so that they are bound like any other bean.
     */
    @Bean
    static BeanPostProcessor keepHubMessagesRegular(ObjectProvider<KetenhubProperties> properties) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof JmsPoolConnectionFactory pool && pool.getConnectionFactory() instanceof ActiveMQConnectionFactory cf) {
                    cf.setMinLargeMessageSize(threshold());
                } else if (bean instanceof ActiveMQConnectionFactory cf) {
                    cf.setMinLargeMessageSize(threshold());
                }
                return bean;
            }

            private int threshold() {
                return regularMessageLimit(properties.getObject().intake().maxMessageBytes());
            }
        };
    }

    /**
     * Above the largest accepted message written as two bytes a character, with room for the headers; at most 8 MiB,
     * so a regular message always fits in a journal file (10 MiB): larger limits make the largest messages large again.
     */
    static int regularMessageLimit(int maxMessageBytes) {
        return (int) Math.min(2L * maxMessageBytes + 64 * 1024, 8L * 1024 * 1024);
    }

    static void lockDown(ActiveMQConnectionFactory cf) {
        cf.setDeserializationDenyList("*");
        cf.setDeserializationAllowList("");
    }
}
