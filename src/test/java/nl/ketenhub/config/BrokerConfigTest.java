package nl.ketenhub.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class BrokerConfigTest {

    @Test
    void shouldKeepTheLargestAcceptedMessageARegularBrokerMessage() {
        MockEnvironment environment = new MockEnvironment().withProperty("ketenhub.intake.max-message-bytes", "1048576");
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory("vm://0");

        BrokerConfig.keepHubMessagesRegular(environment).postProcessAfterInitialization(factory, "connectionFactory");

        // Artemis counts text at two bytes a character: a 1 MiB message must stay under the threshold.
        assertThat(factory.getMinLargeMessageSize()).isGreaterThan(2 * 1_048_576);
    }
}
