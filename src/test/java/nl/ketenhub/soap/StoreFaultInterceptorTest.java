package nl.ketenhub.soap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.Map;
import nl.ketenhub.availability.HubAvailability;
import org.apache.cxf.binding.soap.Soap11;
import org.apache.cxf.binding.soap.SoapFault;
import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.message.Message;
import org.apache.cxf.message.MessageImpl;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

class StoreFaultInterceptorTest {

    private final HubAvailability availability = mock(HubAvailability.class);
    private final StoreFaultInterceptor interceptor = new StoreFaultInterceptor(availability);

    @Test
    void shouldAnswerAStoreFailureWithTheUnavailableFaultAnd503() {
        when(availability.retryAfterSeconds()).thenReturn(10L);
        SoapMessage message = new SoapMessage(new MessageImpl());
        message.setVersion(Soap11.getInstance());
        message.setContent(Exception.class, new Fault(new CannotGetJdbcConnectionException("database away")));

        interceptor.handleMessage(message);

        SoapFault fault = (SoapFault) message.getContent(Exception.class);
        assertThat(fault.getFaultCode().getLocalPart()).isEqualTo("Server");
        assertThat(fault.getDetail().getTextContent()).contains("unavailable").contains("503");
        assertThat(message.get(Message.RESPONSE_CODE)).isEqualTo(503);
        @SuppressWarnings("unchecked")
        Map<String, List<String>> headers = (Map<String, List<String>>) message.get(Message.PROTOCOL_HEADERS);
        assertThat(headers.get("Retry-After")).containsExactly("10");
        verify(availability).recheck();
    }

    @Test
    void shouldLeaveOtherFaultsAlone() {
        SoapMessage message = new SoapMessage(new MessageImpl());
        Fault other = new Fault(new IllegalArgumentException("bad input"));
        message.setContent(Exception.class, other);

        interceptor.handleMessage(message);

        assertThat(message.getContent(Exception.class)).isSameAs(other);
        assertThat(message.get(Message.RESPONSE_CODE)).isNull();
    }
}
