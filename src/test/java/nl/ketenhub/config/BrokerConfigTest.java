package nl.ketenhub.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import nl.ketenhub.support.Settings;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

class BrokerConfigTest {

    @Test
    void shouldKeepTheLargestAcceptedMessageARegularBrokerMessage() {
        KetenhubProperties properties = Settings.ketenhub("intake.max-message-bytes", "1048576");
        StaticListableBeanFactory beans = new StaticListableBeanFactory(Map.of("ketenhubProperties", properties));
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory("vm://0");

        BrokerConfig.keepHubMessagesRegular(beans.getBeanProvider(KetenhubProperties.class))
                .postProcessAfterInitialization(factory, "connectionFactory");

        // Artemis counts text at two bytes a character: a 1 MiB message must stay under the threshold.
        assertThat(factory.getMinLargeMessageSize()).isGreaterThan(2 * 1_048_576);
    }
}
