package nl.ketenhub.support;

import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;

/**
 * The configuration of a broker run apart from the hub in a test (the hub connects to it as to an external broker):
 * an in-VM acceptor only, and the address settings the README asks of an external broker (dead-letter address, the
 * delivery queues' back-off), shortened for tests.
 */
public final class SeparateBroker {

    private SeparateBroker() {}

    /** Without persistence and security; the caller adds what its test needs. */
    public static ConfigurationImpl configuration(int brokerId) throws Exception {
        ConfigurationImpl config = new ConfigurationImpl();
        config.setPersistenceEnabled(false);
        config.setSecurityEnabled(false);
        config.addAcceptorConfiguration("in-vm", "vm://" + brokerId);
        config.addQueueConfiguration(QueueConfiguration.of("DLQ").setRoutingType(RoutingType.ANYCAST));
        config.addAddressSetting("#", new AddressSettings().setDeadLetterAddress(SimpleString.of("DLQ"))
                .setMaxDeliveryAttempts(10).setRedeliveryDelay(100));
        config.addAddressSetting("ketenhub.delivery.#", new AddressSettings().setDeadLetterAddress(SimpleString.of("DLQ"))
                .setMaxDeliveryAttempts(10).setRedeliveryDelay(100).setRedeliveryMultiplier(2.0).setMaxRedeliveryDelay(400));
        return config;
    }

    /** With a persistent journal in a fresh test data directory of the given name. */
    public static ConfigurationImpl persistent(int brokerId, String name) throws Exception {
        ConfigurationImpl config = configuration(brokerId);
        config.setPersistenceEnabled(true);
        String dir = TestDataDir.fresh(name);
        config.setJournalDirectory(dir + "/journal");
        config.setBindingsDirectory(dir + "/bindings");
        config.setLargeMessagesDirectory(dir + "/large");
        config.setPagingDirectory(dir + "/paging");
        return config;
    }
}
