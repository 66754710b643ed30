package nl.ketenhub.soap;

/** Hostile and malformed SOAP messages for the hardening tests (built here, so no file carries them). */
public final class HostileXml {

    public static final String ENVELOPE_START = "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\">"
            + "<soap:Header/><soap:Body>";
    public static final String ENVELOPE_END = "</soap:Body></soap:Envelope>";

    private HostileXml() {}

    public static String billionLaughs() {
        StringBuilder dtd = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE soap:Envelope [\n<!ENTITY lol \"lol\">\n");
        for (int i = 1; i <= 9; i++) {
            dtd.append("<!ENTITY lol").append(i).append(" \"");
            for (int j = 0; j < 10; j++) {
                dtd.append(i == 1 ? "&lol;" : "&lol" + (i - 1) + ";");
            }
            dtd.append("\">\n");
        }
        dtd.append("]>\n");
        return dtd + ENVELOPE_START + "<dossier xmlns=\"http://www.edustandaard.nl/oso_gegevensset/2019/dossier\">&lol9;</dossier>"
                + ENVELOPE_END;
    }

    public static String externalEntity(String systemId) {
        return "<?xml version=\"1.0\"?>\n<!DOCTYPE soap:Envelope [<!ENTITY xxe SYSTEM \"" + systemId + "\">]>\n"
                + ENVELOPE_START + "<dossier xmlns=\"http://www.edustandaard.nl/oso_gegevensset/2019/dossier\">&xxe;</dossier>"
                + ENVELOPE_END;
    }

    public static String deepNesting(int levels) {
        StringBuilder s = new StringBuilder(ENVELOPE_START);
        s.append("<dossier xmlns=\"http://www.edustandaard.nl/oso_gegevensset/2019/dossier\">");
        s.append("<a>".repeat(levels)).append("</a>".repeat(levels));
        return s.append("</dossier>").append(ENVELOPE_END).toString();
    }

    public static String hugeAttribute(int chars) {
        return ENVELOPE_START + "<dossier xmlns=\"http://www.edustandaard.nl/oso_gegevensset/2019/dossier\" x=\""
                + "A".repeat(chars) + "\"/>" + ENVELOPE_END;
    }

    public static String notWellFormed() {
        return ENVELOPE_START + "<dossier xmlns=\"http://www.edustandaard.nl/oso_gegevensset/2019/dossier\"><metadata>"
                + ENVELOPE_END;
    }

    /** A SOAP envelope around a payload (no addressing headers). */
    public static String envelope(String payload) {
        String body = payload.replaceFirst("^<\\?xml[^>]*\\?>\\s*", "").replaceFirst("<!--.*?-->\\s*", "");
        return ENVELOPE_START + body + ENVELOPE_END;
    }
}
