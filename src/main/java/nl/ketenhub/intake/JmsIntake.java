package nl.ketenhub.intake;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.jms.BytesMessage;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.ketenhub.config.KetenhubProperties;
import nl.ketenhub.partner.Channel;
import nl.ketenhub.partner.Partner;
import nl.ketenhub.routing.Headers;
import nl.ketenhub.security.BrokerIdentities;
import nl.ketenhub.web.IntakeOutcome;
import org.apache.camel.Exchange;
import org.apache.camel.component.jms.JmsConstants;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The JMS edge, called by the {@code jms-intake} route: partners on the bus put canonical envelopes (text or bytes
 * messages with the API key in the {@code KetenhubApiKey} property, or sent under a broker login the broker validated,
 * see {@link BrokerIdentities}) on the intake queue and get their answer, the same receipt or problem as over REST,
 * on their JMSReplyTo or the hub's reply queue. ObjectMessages are refused unread: the hub never deserializes Java
 * objects from the bus.
 */
@Component("jmsIntake")
public class JmsIntake {

    private final IntakeService intake;
    private final ObjectMapper mapper;
    private final KetenhubProperties properties;
    private final BrokerIdentities identities;

    public JmsIntake(IntakeService intake, ObjectMapper mapper, KetenhubProperties properties, BrokerIdentities identities) {
        this.intake = intake;
        this.mapper = mapper;
        this.properties = properties;
        this.identities = identities;
    }

    /** The user the broker validated and stamped on the message (JMSXUserID), or null. */
    private static String validatedUser(Message jms) {
        try {
            return jms.getStringProperty("JMSXUserID");
        } catch (JMSException unreadable) {
            return null;
        }
    }

    public void handle(Exchange exchange) throws JMSException, java.io.IOException {
        Message jms = exchange.getIn().getBody(Message.class);
        String replyQueue = replyQueue(jms.getJMSReplyTo());
        String correlation = jms.getJMSCorrelationID() != null ? jms.getJMSCorrelationID() : jms.getJMSMessageID();
        BrokerIdentities.Identity identity = identities.identify(jms.getStringProperty(Headers.API_KEY), validatedUser(jms));
        Partner partner = identity instanceof BrokerIdentities.Known known ? known.partner() : null;

        IntakeOutcome outcome;
        if (identity instanceof BrokerIdentities.Refused refused) {
            outcome = intake.refuse(Channel.JMS, new IntakeOutcome.Rejected(refused.status(), refused.type(),
                    refused.status() == HttpStatus.UNAUTHORIZED ? "Not authenticated" : "Forbidden", refused.detail(),
                    List.of(), null));
        } else if (jms instanceof TextMessage text) {
            String body = text.getText();
            outcome = intake.submit(Channel.JMS, partner, body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8), false);
        } else if (jms instanceof BytesMessage bytes) {
            long length = bytes.getBodyLength();
            if (length > properties.intake().maxMessageBytes()) {
                outcome = intake.tooLarge(Channel.JMS, partner, length);
            } else {
                byte[] body = new byte[(int) length];
                bytes.readBytes(body);
                outcome = intake.submit(Channel.JMS, partner, body, false);
            }
        } else {
            outcome = new IntakeOutcome.Rejected(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-message-type",
                    "Unsupported JMS message type", "send the envelope as a TextMessage (or BytesMessage) of JSON; "
                            + jms.getClass().getSimpleName() + " is not accepted and was not read", List.of(), null);
        }

        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader("JMSCorrelationID", correlation);
        exchange.getMessage().setHeader(JmsConstants.JMS_DESTINATION_NAME, replyQueue);
        exchange.getMessage().setHeader(Headers.STATUS, status(outcome));
        exchange.getMessage().setBody(mapper.writeValueAsString(answer(outcome)));
    }

    private String replyQueue(Destination replyTo) throws JMSException {
        if (replyTo instanceof Queue q && q.getQueueName() != null) {
            return q.getQueueName();
        }
        return properties.queues().jmsReplies();
    }

    private static int status(IntakeOutcome outcome) {
        if (outcome instanceof IntakeOutcome.Accepted a) {
            return a.repeat() ? 200 : 202;
        }
        return ((IntakeOutcome.Rejected) outcome).status().value();
    }

    private static Map<String, Object> answer(IntakeOutcome outcome) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (outcome instanceof IntakeOutcome.Accepted a) {
            body.put("status", a.repeat() ? 200 : 202);
            body.put("trackingId", a.trackingId());
            body.put("messageId", a.messageId());
        } else if (outcome instanceof IntakeOutcome.Rejected r) {
                body.put("status", r.status().value());
                body.put("type", nl.ketenhub.web.Problems.TYPE_BASE + r.type());
                body.put("title", r.title());
                body.put("detail", r.detail());
                if (r.messageId() != null) {
                    body.put("messageId", r.messageId());
                }
                if (!r.violations().isEmpty()) {
                    body.put("violations", r.violations());
                }
        }
        return body;
    }
}
