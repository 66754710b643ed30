package nl.ketenhub.delivery;

import java.time.Instant;

/** Published when a partner's system accepted a delivery: the transport acknowledgement. */
public record DeliverySucceeded(String trackingId, String deliveryId, String recipient, String kind, String type, Instant at) {}
