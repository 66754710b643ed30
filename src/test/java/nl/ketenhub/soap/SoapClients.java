package nl.ketenhub.soap;

import jakarta.xml.ws.BindingProvider;
import jakarta.xml.ws.Service;
import jakarta.xml.ws.handler.MessageContext;
import jakarta.xml.ws.soap.AddressingFeature;
import java.net.URL;
import java.util.List;
import java.util.Map;
import javax.xml.namespace.QName;
import org.apache.cxf.ws.addressing.AddressingProperties;
import org.apache.cxf.ws.addressing.ContextUtils;
import org.apache.cxf.ws.addressing.EndpointReferenceUtils;
import org.apache.cxf.ws.addressing.JAXWSAConstants;

/** CXF clients of the hub's SOAP edge, built from the WSDL the hub serves, as a partner system would build them. */
public final class SoapClients {

    private SoapClients() {}

    public static Overdracht client(String wsdlUrl, String apiKey) {
        try {
            Service service = Service.create(new URL(wsdlUrl), new QName(Overdracht.NS, "OverdrachtService"));
            Overdracht port = service.getPort(new QName(Overdracht.NS, "OverdrachtPort"), Overdracht.class,
                    new AddressingFeature(true, true));
            ((BindingProvider) port).getRequestContext().put(MessageContext.HTTP_REQUEST_HEADERS,
                    Map.of("Authorization", List.of("Bearer " + apiKey)));
            return port;
        } catch (java.net.MalformedURLException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Sets wsa:MessageID, wsa:From ?oin= and wsa:To ?oin= for the next call. */
    public static void address(Overdracht port, String messageId, String fromOin, String toOin, String endpoint) {
        AddressingProperties maps = new AddressingProperties();
        maps.setMessageID(ContextUtils.getAttributedURI(messageId));
        maps.setFrom(EndpointReferenceUtils.getEndpointReference("https://school.invalid/ws?oin=" + fromOin));
        maps.setTo(EndpointReferenceUtils.getEndpointReference(endpoint + "?oin=" + toOin));
        ((BindingProvider) port).getRequestContext().put(JAXWSAConstants.CLIENT_ADDRESSING_PROPERTIES, maps);
    }

    /** The wsa:RelatesTo of the last reply. */
    static String relatesTo(Overdracht port) {
        AddressingProperties in = (AddressingProperties) ((BindingProvider) port).getResponseContext()
                .get(JAXWSAConstants.ADDRESSING_PROPERTIES_INBOUND);
        return in == null || in.getRelatesTo() == null ? null : in.getRelatesTo().getValue();
    }
}
