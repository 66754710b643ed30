package nl.ketenhub.soap;

/** Lets tests outside this package run the SOAP edge's guard on an example request. */
public final class SoapExamples {

    private SoapExamples() {}

    /** The guard's refusal of a request, or null when it passes. */
    public static XmlGuard.Refusal check(byte[] request) {
        return new XmlGuard(SoapEdgeConfig.payloadSchema(),
                new SoapProperties(100, 50_000, 65_536, 50, "https://hub.invalid/ws/overdracht", java.time.Duration.ofSeconds(1))).check(request).refusal();
    }
}
