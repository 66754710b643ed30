package nl.ketenhub.soap;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.ws.BindingProvider;
import jakarta.xml.ws.Dispatch;
import jakarta.xml.ws.Service;
import jakarta.xml.ws.WebServiceException;
import jakarta.xml.ws.soap.AddressingFeature;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.namespace.QName;
import javax.xml.transform.Source;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.stream.StreamResult;
import javax.xml.transform.stream.StreamSource;
import nl.ketenhub.delivery.DeliveryExchange;
import nl.ketenhub.delivery.PermanentDeliveryException;
import nl.ketenhub.ledger.DeliveryRecord;
import nl.ketenhub.ledger.MessageLedger;
import nl.ketenhub.partner.Partner;
import nl.ketenhub.soap.xml.HubDelivery;
import nl.ketenhub.soap.xml.ObjectFactory;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.apache.cxf.binding.soap.SoapFault;
import org.apache.cxf.endpoint.Client;
import org.apache.cxf.headers.Header;
import org.apache.cxf.jaxb.JAXBDataBinding;
import org.apache.cxf.jaxws.DispatchImpl;
import org.apache.cxf.transport.http.HTTPConduit;
import org.apache.cxf.transport.http.HTTPException;
import org.apache.cxf.transports.http.configuration.HTTPClientPolicy;
import org.apache.cxf.ws.addressing.AddressingProperties;
import org.apache.cxf.ws.addressing.ContextUtils;
import org.apache.cxf.ws.addressing.EndpointReferenceUtils;
import org.apache.cxf.ws.addressing.JAXWSAConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The soap channel of the delivery route ({@code deliver-soap}): calls the partner's implementation of the Overdracht
 * port type with WS-Addressing (wsa:To ?oin= the partner, wsa:From ?oin= the original sender, a wsa:MessageID that is
 * the same on every attempt) and the hubDelivery header. The partner's receipt, related to that MessageID, is the
 * transport acknowledgement. A SOAP Client fault or an HTTP 4xx other than 408/425/429 parks the delivery at once;
 * Server faults, other HTTP errors and timeouts are retried by the broker.
 */
@Component("soapDelivery")
public class SoapDelivery {

    private static final Logger log = LoggerFactory.getLogger(SoapDelivery.class);
    private static final Set<Integer> RETRYABLE_4XX = Set.of(408, 425, 429);
    private static final Map<String, String> ACTIONS = Map.of(
            "dossier", Overdracht.ACTION_DOSSIER,
            "applicationStatus", Overdracht.ACTION_APPLICATION_STATUS,
            "acknowledgement", Overdracht.ACTION_ACKNOWLEDGEMENT,
            "canonicalEnvelope", Overdracht.ACTION_CANONICAL);
    private static final Pattern ROOT = Pattern.compile("<(?:[A-Za-z0-9_]+:)?([A-Za-z]+)[\\s>/]");
    private static final Pattern TRACKING = Pattern.compile("<(?:[A-Za-z0-9_]+:)?trackingId>([^<]{1,200})<");

    private final Service service;
    private final SoapProperties properties;
    private final MessageLedger ledger;
    private final OsoXmlFormatter formatter;
    private final JAXBContext hubContext;
    private final nl.ketenhub.config.OutboundTls tls;

    public SoapDelivery(SoapProperties properties, MessageLedger ledger, OsoXmlFormatter formatter,
            nl.ketenhub.config.OutboundTls tls) {
        this.tls = tls;
        this.properties = properties;
        this.ledger = ledger;
        this.formatter = formatter;
        URL wsdl = getClass().getClassLoader().getResource(SoapEdgeConfig.WSDL);
        this.service = Service.create(wsdl, new QName(Overdracht.NS, "OverdrachtService"));
        try {
            this.hubContext = JAXBContext.newInstance(ObjectFactory.class);
        } catch (JAXBException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Sends one delivery to the partner's SOAP endpoint and records the partner's receipt.
     *
     * @param partner the recipient as this delivery reaches it
     * @param d the ledger's delivery
     * @param original the envelope as it came in: its message id, sender, type and relatesTo go into the hub's header
     * @param body what the gate let through, in the partner's format
     */
    public void send(@ExchangeProperty(DeliveryExchange.PARTNER) Partner partner,
            @ExchangeProperty(DeliveryExchange.DELIVERY) DeliveryRecord d,
            @ExchangeProperty(DeliveryExchange.ORIGINAL) nl.ketenhub.canonical.Envelope original, @Body String body) {
        String messageId = original.messageId();
        String sender = original.sender();
        String type = original.type().wireName();
        if (body.stripLeading().startsWith("{")) {
            body = formatter.canonicalEnvelope(body, type);
        }
        String action = action(body);
        String wsaMessageId = "urn:uuid:" + UUID.nameUUIDFromBytes(d.idempotencyKey().getBytes(StandardCharsets.UTF_8));

        Dispatch<Source> dispatch = service.createDispatch(new QName(Overdracht.NS, "OverdrachtPort"), Source.class,
                Service.Mode.PAYLOAD, new AddressingFeature(true, true));
        Map<String, Object> context = dispatch.getRequestContext();
        context.put(BindingProvider.ENDPOINT_ADDRESS_PROPERTY, partner.endpoint());
        context.put(BindingProvider.SOAPACTION_USE_PROPERTY, Boolean.TRUE);
        context.put(BindingProvider.SOAPACTION_URI_PROPERTY, action);
        context.putAll(SoapEdgeConfig.staxLimits(properties));
        AddressingProperties maps = new AddressingProperties();
        maps.setMessageID(ContextUtils.getAttributedURI(wsaMessageId));
        maps.setAction(ContextUtils.getAttributedURI(action));
        maps.setTo(EndpointReferenceUtils.getEndpointReference(partner.endpoint() + (partner.endpoint().contains("?") ? "&" : "?")
                + "oin=" + partner.oin()));
        maps.setFrom(EndpointReferenceUtils.getEndpointReference(properties.hubAddress() + "?oin=" + sender));
        context.put(JAXWSAConstants.CLIENT_ADDRESSING_PROPERTIES, maps);
        context.put(Header.HEADER_LIST, new ArrayList<>(List.of(hubHeader(messageId, d, sender, type,
                original.relatesTo()))));
        Client client = ((DispatchImpl<?>) dispatch).getClient();
        HTTPClientPolicy policy = new HTTPClientPolicy();
        policy.setConnectionTimeout(properties.clientTimeout().toMillis());
        policy.setReceiveTimeout(properties.clientTimeout().toMillis());
        policy.setAllowChunking(false);
        ((HTTPConduit) client.getConduit()).setClient(policy);
        tls.bundle().ifPresent(bundle -> {
            // the hub's own client certificate, and the partner's server certificate verified against the trust store
            org.apache.cxf.configuration.jsse.TLSClientParameters parameters = new org.apache.cxf.configuration.jsse.TLSClientParameters();
            parameters.setKeyManagers(bundle.getManagers().getKeyManagers());
            parameters.setTrustManagers(bundle.getManagers().getTrustManagers());
            ((HTTPConduit) client.getConduit()).setTlsClientParameters(parameters);
        });

        Source response;
        try {
            response = dispatch.invoke(new StreamSource(new StringReader(body)));
        } catch (WebServiceException e) {
            throw classify(e, partner);
        }
        AddressingProperties in = (AddressingProperties) dispatch.getResponseContext().get(JAXWSAConstants.ADDRESSING_PROPERTIES_INBOUND);
        String relatesTo = in == null || in.getRelatesTo() == null ? null : in.getRelatesTo().getValue();
        if (relatesTo != null && !relatesTo.equals(wsaMessageId)) {
            throw new IllegalStateException("the partner's reply relates to " + relatesTo + ", not to " + wsaMessageId);
        }
        String receipt = text(response);
        Matcher tracking = TRACKING.matcher(receipt);
        String partnerTracking = tracking.find() ? tracking.group(1) : "(no tracking id)";
        ledger.event(d.trackingId(), "TRANSPORT_ACK", partner.oin(), "SOAP receipt " + partnerTracking + " relating to "
                + wsaMessageId + (relatesTo == null ? " (reply carried no wsa:RelatesTo)" : ""));
        log.info("SOAP delivery {} of {} acknowledged by {}", d.id(), d.trackingId(), partner.oin());
    }

    private static String action(String payload) {
        String xml = payload.replaceFirst("^\\s*<\\?xml[^>]*\\?>", "");
        Matcher m = ROOT.matcher(xml);
        String root = m.find() ? m.group(1) : "";
        String action = ACTIONS.get(root);
        if (action == null) {
            throw new PermanentDeliveryException("no SOAP operation takes a " + root + " element", null);
        }
        return action;
    }

    private Header hubHeader(String messageId, DeliveryRecord d, String sender, String type, String relatesTo) {
        HubDelivery h = new HubDelivery();
        h.setRelatesTo(relatesTo);
        h.setMessageId(messageId);
        h.setTrackingId(d.trackingId());
        h.setSender(sender);
        h.setType(type);
        h.setIdempotencyKey(d.idempotencyKey());
        return new Header(new QName(Overdracht.NS, "hubDelivery"), new ObjectFactory().createHubDelivery(h),
                new JAXBDataBinding(hubContext));
    }

    /** Client faults and final HTTP answers park at once; everything else is retried. */
    static RuntimeException classify(WebServiceException e, Partner partner) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof SoapFault f) {
                String code = f.getFaultCode() == null ? "" : f.getFaultCode().getLocalPart();
                if (code.startsWith("Client") || code.startsWith("Sender")) {
                    return new PermanentDeliveryException("SOAP Client fault from " + partner.oin() + ": " + f.getMessage(), e);
                }
                return new IllegalStateException("SOAP " + code + " fault from " + partner.oin() + ": " + f.getMessage(), e);
            }
            if (c instanceof HTTPException h) {
                int status = h.getResponseCode();
                if (status >= 400 && status < 500 && !RETRYABLE_4XX.contains(status)) {
                    return new PermanentDeliveryException("HTTP " + status + " from " + partner.endpoint(), e);
                }
                return new IllegalStateException("HTTP " + status + " from " + partner.endpoint(), e);
            }
            if (c instanceof SocketTimeoutException) {
                return new IllegalStateException("timeout calling " + partner.endpoint(), e);
            }
        }
        return e;
    }

    private static String text(Source source) {
        if (source == null) {
            return "";
        }
        try {
            StringWriter out = new StringWriter();
            TransformerFactory f = TransformerFactory.newInstance();
            f.setAttribute(javax.xml.XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(javax.xml.XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
            f.newTransformer().transform(source, new StreamResult(out));
            return out.toString();
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the partner's receipt", e);
        }
    }
}
