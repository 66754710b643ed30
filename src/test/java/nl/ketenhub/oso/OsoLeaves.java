package nl.ketenhub.oso;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Every field of an OSO dossier in document order: each leaf element and attribute as "path=value". Two dossiers
 * with the same leaves carry the same data (an element without content carries none).
 */
final class OsoLeaves {

    private OsoLeaves() {}

    static List<String> of(String xml) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Element root = f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))
                    .getDocumentElement();
            List<String> out = new ArrayList<>();
            walk(root, "", out);
            return out;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void walk(Element e, String parent, List<String> out) {
        String path = parent + "/" + e.getLocalName();
        for (int i = 0; i < e.getAttributes().getLength(); i++) {
            Node a = e.getAttributes().item(i);
            if (a.getNamespaceURI() == null || !a.getNamespaceURI().startsWith("http://www.w3.org/2000/xmlns")) {
                out.add(path + "/@" + a.getLocalName() + "=" + a.getNodeValue());
            }
        }
        boolean hasChildElements = false;
        for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof Element child) {
                hasChildElements = true;
                walk(child, path, out);
            }
        }
        if (!hasChildElements && !e.getTextContent().isEmpty()) {
            out.add(path + "=" + e.getTextContent());
        }
    }
}
