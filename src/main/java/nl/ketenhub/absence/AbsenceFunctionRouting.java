package nl.ketenhub.absence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import nl.ketenhub.canonical.MessageType;
import nl.ketenhub.delivery.DeliveryEndpoint;
import nl.ketenhub.partner.FunctionEndpoints;
import nl.ketenhub.partner.Partner;
import nl.ketenhub.partner.PartnerKind;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Sends an absence report, and the withdrawal of one, to the endpoint the gemeente keeps for the report's function
 * (Leerplicht or RMC), when it keeps one; otherwise to the partner's own endpoint.
 */
@Component
public class AbsenceFunctionRouting implements DeliveryEndpoint {

    private final FunctionEndpoints endpoints;
    private final JdbcClient jdbc;
    private final ObjectMapper mapper;

    public AbsenceFunctionRouting(FunctionEndpoints endpoints, JdbcClient jdbc, ObjectMapper mapper) {
        this.endpoints = endpoints;
        this.jdbc = jdbc;
        this.mapper = mapper;
    }

    /** The recipient as this delivery should reach it: with its function's endpoint, or unchanged. */
    @Override
    public Partner recipientFor(Partner recipient, String type, String body) {
        if (recipient.kind() != PartnerKind.GEMEENTE || (!MessageType.ABSENCE_REPORT.wireName().equals(type)
                && !MessageType.ABSENCE_WITHDRAWAL.wireName().equals(type))) {
            return recipient;
        }
        return function(type, body).flatMap(f -> endpoints.endpoint(recipient.oin(), f))
                .map(endpoint -> FunctionEndpoints.withEndpoint(recipient, endpoint))
                .orElse(recipient);
    }

    private Optional<String> function(String type, String body) {
        JsonNode e;
        try {
            e = mapper.readTree(body);
        } catch (java.io.IOException ex) {
            return Optional.empty();
        }
        if (MessageType.ABSENCE_REPORT.wireName().equals(type)) {
            return Optional.of(e.at("/payload/function").asText()).filter(f -> !f.isEmpty());
        }
        return jdbc.sql("select gemeente_function from absence_report where school_oin = ? and report_message_id = ?")
                .params(e.path("sender").asText(), e.path("relatesTo").asText()).query(String.class).optional();
    }
}
