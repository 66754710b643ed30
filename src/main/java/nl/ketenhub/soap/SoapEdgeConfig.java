package nl.ketenhub.soap;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import javax.xml.namespace.QName;
import javax.xml.validation.Schema;
import nl.ketenhub.audit.IntakeRejections;
import nl.ketenhub.config.KetenhubProperties;
import nl.ketenhub.intake.IntakeService;
import nl.ketenhub.oso.OsoToCanonical;
import nl.ketenhub.oso.OsoXml;
import nl.ketenhub.partner.PartnerService;
import org.apache.cxf.Bus;
import org.apache.cxf.jaxws.EndpointImpl;
import org.apache.cxf.ws.addressing.WSAddressingFeature;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Publishes the SOAP edge at {@code cxf.path} + /overdracht with WS-Addressing (required; replies only on the same
 * connection, never to a wsa:ReplyTo elsewhere), CXF schema validation of requests, CXF's own StAX limits, and the
 * {@link XmlGuard} in front of everything.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SoapProperties.class)
public class SoapEdgeConfig {

    static final String WSDL = "schemas/wsdl/overdracht.wsdl";
    static final String PATH = "/overdracht";

    /** The schemas a SOAP Body may hold: the OSO dossier and the hub's own messages. */
    static Schema payloadSchema() {
        return OsoXml.schema(OsoXml.SCHEMA, "schemas/wsdl/ketenhub-overdracht.xsd");
    }

    @Bean
    org.springframework.boot.web.servlet.FilterRegistrationBean<SoapContentTypeFilter> soapContentTypeFilter(
            @org.springframework.beans.factory.annotation.Value("${cxf.path:/ws}") String cxfPath) {
        var registration = new org.springframework.boot.web.servlet.FilterRegistrationBean<>(new SoapContentTypeFilter());
        registration.addUrlPatterns(cxfPath + "/*");
        registration.setOrder(org.springframework.core.Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    @Bean
    XmlGuard xmlGuard(SoapProperties properties) {
        return new XmlGuard(payloadSchema(), properties);
    }

    @Bean
    EndpointImpl overdrachtEndpoint(Bus bus, IntakeService intake, IntakeRejections rejections, PartnerService partners,
            OsoToCanonical toCanonical, ObjectMapper mapper, Clock clock, XmlGuard guard, SoapProperties soap,
            KetenhubProperties properties, nl.ketenhub.availability.HubAvailability availability) {
        EndpointImpl endpoint = new EndpointImpl(bus, new OverdrachtEndpoint(intake, rejections, partners, toCanonical,
                mapper, clock));
        endpoint.setWsdlLocation(WSDL);
        endpoint.setServiceName(new QName(Overdracht.NS, "OverdrachtService"));
        endpoint.setEndpointName(new QName(Overdracht.NS, "OverdrachtPort"));
        WSAddressingFeature addressing = new WSAddressingFeature();
        addressing.setAddressingRequired(true);
        addressing.setResponses(WSAddressingFeature.AddressingResponses.ANONYMOUS);
        endpoint.getFeatures().add(addressing);
        endpoint.getInInterceptors().add(new XmlGuardInterceptor(guard, intake, rejections,
                properties.intake().maxMessageBytes()));
        endpoint.getOutFaultInterceptors().add(new StoreFaultInterceptor(availability));
        Map<String, Object> props = new HashMap<>();
        props.put("schema-validation-enabled", "IN");
        props.putAll(staxLimits(soap));
        endpoint.setProperties(props);
        endpoint.publish(PATH);
        return endpoint;
    }

    /** CXF's own parser limits, as a second line behind the guard. */
    static Map<String, Object> staxLimits(SoapProperties soap) {
        Map<String, Object> limits = new HashMap<>();
        limits.put("org.apache.cxf.stax.maxElementDepth", soap.maxDepth());
        limits.put("org.apache.cxf.stax.maxElementCount", (long) soap.maxElements());
        limits.put("org.apache.cxf.stax.maxAttributeSize", soap.maxAttributeChars());
        limits.put("org.apache.cxf.stax.maxChildElements", soap.maxElements());
        return limits;
    }
}
