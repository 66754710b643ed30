package nl.ketenhub.routing;

import nl.ketenhub.canonical.Envelope;
import nl.ketenhub.canonical.MessageType;

/** Processes messages addressed to the hub itself (such as consent); at most one handler per type. */
public interface HubMessageHandler {

    MessageType handles();

    /** Processes the message; must be idempotent per tracking id (a redelivery may call it again). */
    void handle(String trackingId, Envelope envelope);
}
