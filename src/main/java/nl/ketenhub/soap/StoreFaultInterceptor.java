package nl.ketenhub.soap;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import nl.ketenhub.availability.HubAvailability;
import nl.ketenhub.availability.StoreFaults;
import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;

/**
 * A SOAP request that meets a store failure on its way (the database or the broker failed before the hub's check
 * saw it) gets the edge's "send it again later" fault: code {@code unavailable}, HTTP 503 and {@code Retry-After},
 * as the availability gate answers, instead of a generic {@code soap:Server} fault.
 */
class StoreFaultInterceptor extends AbstractPhaseInterceptor<SoapMessage> {

    private final HubAvailability availability;

    StoreFaultInterceptor(HubAvailability availability) {
        super(Phase.PRE_STREAM);
        this.availability = availability;
    }

    @Override
    public void handleMessage(SoapMessage message) throws Fault {
        Exception failure = message.getContent(Exception.class);
        if (failure == null || !StoreFaults.isStoreFault(failure)) {
            return;
        }
        availability.recheck();
        String seconds = String.valueOf(availability.retryAfterSeconds());
        message.setContent(Exception.class, SoapFaults.of("unavailable", 503, "Hub unavailable",
                "the hub cannot record messages now (its database or broker failed): send the message again (same "
                        + "MessageID) after " + seconds + " seconds", List.of(), null));
        message.put(Message.RESPONSE_CODE, 503);
        @SuppressWarnings("unchecked")
        Map<String, List<String>> headers = (Map<String, List<String>>) message.get(Message.PROTOCOL_HEADERS);
        if (headers == null) {
            headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            message.put(Message.PROTOCOL_HEADERS, headers);
        }
        headers.put("Retry-After", new ArrayList<>(List.of(seconds)));
    }
}
