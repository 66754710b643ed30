package nl.ketenhub.web;

import java.io.StringWriter;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.namespace.QName;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.apache.cxf.binding.soap.Soap11;
import org.apache.cxf.binding.soap.SoapFault;
import org.w3c.dom.Node;

/**
 * The SOAP 1.1 fault for "send it again later", written outside CXF (by a servlet filter, while the hub cannot
 * process yet): faultcode Server, and the same ketenhubFault detail as every other fault of the edge.
 */
public final class UnavailableFault {

    private static final QName SERVER = new QName(Soap11.SOAP_NAMESPACE, "Server");

    private UnavailableFault() {}

    public static String envelope(String code, String title, String detail) {
        SoapFault fault = new SoapFault(title + ": " + detail, SERVER);
        fault.setDetail(SoapFaultDetail.of(code, 503, title, detail, List.of(), null));
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
                .append("<soap:Envelope xmlns:soap=\"").append(Soap11.SOAP_NAMESPACE).append("\"><soap:Body><soap:Fault>")
                .append("<faultcode>soap:Server</faultcode><faultstring>").append(escape(fault.getMessage()))
                .append("</faultstring>").append(serialise(fault.getDetail()))
                .append("</soap:Fault></soap:Body></soap:Envelope>");
        return xml.toString();
    }

    private static String serialise(Node node) {
        try {
            TransformerFactory factory = TransformerFactory.newInstance();
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
            Transformer transformer = factory.newTransformer();
            transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            StringWriter out = new StringWriter();
            transformer.transform(new DOMSource(node), new StreamResult(out));
            return out.toString();
        } catch (TransformerException e) {
            throw new IllegalStateException("cannot write the fault detail", e);
        }
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
