package nl.ketenhub.web;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Marshaller;
import java.io.StringWriter;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import nl.ketenhub.canonical.Violation;
import nl.ketenhub.soap.xml.KetenhubFault;
import nl.ketenhub.soap.xml.ObjectFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The detail of every SOAP fault the hub answers, written by CXF or outside it: a ketenhubFault with the code, the
 * HTTP status the REST edge would answer, title, detail, and each violation with its path.
 */
public final class SoapFaultDetail {

    private static final JAXBContext CONTEXT;

    static {
        try {
            CONTEXT = JAXBContext.newInstance(ObjectFactory.class);
        } catch (JAXBException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private SoapFaultDetail() {}

    /** The ketenhubFault alone, as an XML fragment to put inside a {@code detail} element. */
    static String fragment(String code, int status, String title, String detail) {
        StringWriter xml = new StringWriter();
        try {
            Marshaller marshaller = CONTEXT.createMarshaller();
            marshaller.setProperty(Marshaller.JAXB_FRAGMENT, true);
            marshaller.marshal(new ObjectFactory().createKetenhubFault(fault(code, status, title, detail, null)), xml);
        } catch (JAXBException e) {
            throw new IllegalStateException("cannot write the fault detail", e);
        }
        return xml.toString();
    }

    private static KetenhubFault fault(String code, int status, String title, String detail, String messageId) {
        KetenhubFault k = new KetenhubFault();
        k.setCode(code);
        k.setStatus(status);
        k.setTitle(title);
        k.setDetail(detail);
        k.setMessageId(messageId);
        return k;
    }

    /** A {@code detail} element holding the ketenhubFault. */
    public static Element of(String code, int status, String title, String detail, List<Violation> violations,
            String messageId) {
        KetenhubFault k = fault(code, status, title, detail, messageId);
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
            return detailElement;
        } catch (JAXBException | ParserConfigurationException e) {
            throw new IllegalStateException("cannot write the fault detail", e);
        }
    }
}
