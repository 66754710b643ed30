package nl.ketenhub.soap;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import java.util.List;
import javax.xml.namespace.QName;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import nl.ketenhub.canonical.Violation;
import nl.ketenhub.soap.xml.KetenhubFault;
import nl.ketenhub.soap.xml.ObjectFactory;
import nl.ketenhub.web.IntakeOutcome;
import org.apache.cxf.binding.soap.Soap11;
import org.apache.cxf.binding.soap.SoapFault;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * SOAP faults with a machine-readable detail (ketenhubFault: code, the HTTP status the REST edge would answer,
 * title, detail, and each violation with its path). faultcode is soap:Client for what the sender must fix and
 * soap:Server for the hub's own trouble.
 */
final class SoapFaults {

    static final QName CLIENT = new QName(Soap11.SOAP_NAMESPACE, "Client");
    static final QName SERVER = new QName(Soap11.SOAP_NAMESPACE, "Server");
    private static final JAXBContext CONTEXT;

    static {
        try {
            CONTEXT = JAXBContext.newInstance(ObjectFactory.class);
        } catch (JAXBException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private SoapFaults() {}

    static SoapFault of(IntakeOutcome.Rejected r) {
        return of(r.type(), r.status().value(), r.title(), r.detail(), r.violations(), r.messageId());
    }

    static SoapFault of(String code, int status, String title, String detail, List<Violation> violations, String messageId) {
        SoapFault fault = new SoapFault(title + ": " + detail, status >= 500 ? SERVER : CLIENT);
        KetenhubFault k = new KetenhubFault();
        k.setCode(code);
        k.setStatus(status);
        k.setTitle(title);
        k.setDetail(detail);
        k.setMessageId(messageId);
        for (Violation v : violations) {
            nl.ketenhub.soap.xml.Violation x = new nl.ketenhub.soap.xml.Violation();
            x.setPath(v.pointer());
            x.setValue(v.message());
            k.getViolation().add(x);
        }
        try {
            Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().newDocument();
            Element detailElement = doc.createElementNS(null, "detail");
            doc.appendChild(detailElement);
            CONTEXT.createMarshaller().marshal(new ObjectFactory().createKetenhubFault(k), detailElement);
            fault.setDetail(detailElement);
        } catch (JAXBException | ParserConfigurationException e) {
            throw new IllegalStateException("cannot write the fault detail", e);
        }
        return fault;
    }
}
