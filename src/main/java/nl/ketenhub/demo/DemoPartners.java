package nl.ketenhub.demo;

import java.util.List;
import nl.ketenhub.partner.Channel;
import nl.ketenhub.partner.PartnerKind;

/**
 * The demo partners and their fixed, documented API keys. They exist only in demo mode: outside it the hub refuses
 * these keys.
 */
public final class DemoPartners {

    /** One demo partner. */
    public record Demo(String oin, String name, PartnerKind kind, String brin, String gemeentecode, Channel channel,
            String apiKey) {}

    public static final Demo VO_HORIZON = new Demo("00000099700000000001", "Demo VO De Horizon", PartnerKind.VO, "01AA",
            null, Channel.REST, "demo-key-vo-horizon");
    public static final Demo VO_LYCEUM = new Demo("00000099700000000002", "Demo VO Het Lyceum", PartnerKind.VO, "02BB",
            null, Channel.JMS, "demo-key-vo-lyceum");
    public static final Demo MBO_RIJNSTAD = new Demo("00000099700000000101", "Demo MBO Rijnstad College", PartnerKind.MBO,
            "25XA", null, Channel.REST, "demo-key-mbo-rijnstad");
    public static final Demo MBO_TECHNIEK = new Demo("00000099700000000102", "Demo MBO Techniek Oost", PartnerKind.MBO,
            "26XB", null, Channel.JMS, "demo-key-mbo-techniek");
    public static final Demo GEMEENTE_DEMOSTAD = new Demo("00000099700000000201", "Demo Gemeente Demostad",
            PartnerKind.GEMEENTE, null, "0998", Channel.REST, "demo-key-gemeente-demostad");
    public static final Demo GEMEENTE_VOORBEELDWAARD = new Demo("00000099700000000202", "Demo Gemeente Voorbeeldwaard",
            PartnerKind.GEMEENTE, null, "0997", Channel.REST, "demo-key-gemeente-voorbeeldwaard");

    public static final List<Demo> ALL = List.of(VO_HORIZON, VO_LYCEUM, MBO_RIJNSTAD, MBO_TECHNIEK, GEMEENTE_DEMOSTAD,
            GEMEENTE_VOORBEELDWAARD);

    private DemoPartners() {}

    public static String jmsQueue(String oin) {
        return "demo.partner." + oin;
    }
}
