package nl.ketenhub.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import jakarta.jms.Queue;
import jakarta.jms.Session;
import org.junit.jupiter.api.Test;

/** Which queue names the hub remembers once resolved, and for how long. */
class HubQueuesTest {

    private final HubQueues resolver = new HubQueues(new KetenhubProperties.Queues("ketenhub.intake.jms",
            "ketenhub.intake.replies", "ketenhub.core", "ketenhub.delivery."));

    @Test
    void shouldResolveEachQueueOnceAndThenRememberIt() throws Exception {
        Session session = mock(Session.class);
        Queue delivery = mock(Queue.class);
        Queue partner = mock(Queue.class);
        when(session.createQueue("ketenhub.delivery.00000099000000000001")).thenReturn(delivery);
        when(session.createQueue("mbo.inbox")).thenReturn(partner);

        for (int i = 0; i < 3; i++) {
            assertThat(resolver.resolveDestinationName(session, "ketenhub.delivery.00000099000000000001", false))
                    .isSameAs(delivery);
            assertThat(resolver.resolveDestinationName(session, "mbo.inbox", false)).isSameAs(partner);
        }

        verify(session, times(1)).createQueue("ketenhub.delivery.00000099000000000001");
        verify(session, times(1)).createQueue("mbo.inbox");
    }

    @Test
    void shouldRememberOnlyTheMostRecentlyUsedOfTheNamesPartnersChoose() throws Exception {
        Session session = mock(Session.class);
        when(session.createQueue(anyString())).thenAnswer(call -> mock(Queue.class));

        resolver.resolveDestinationName(session, "mbo.inbox", false);
        for (int i = 0; i < HubQueues.OTHER_NAMES + 500; i++) {
            // a sender with a new temporary reply queue per connection, and a partner whose queue stays in use
            resolver.resolveDestinationName(session, "reply." + i, false);
            resolver.resolveDestinationName(session, "mbo.inbox", false);
        }
        resolver.resolveDestinationName(session, "ketenhub.core", false);

        assertThat(resolver.othersRemembered()).isEqualTo(HubQueues.OTHER_NAMES);
        verify(session, times(1)).createQueue("mbo.inbox");
        resolver.resolveDestinationName(session, "reply.0", false);
        verify(session, times(2)).createQueue("reply.0");
        resolver.resolveDestinationName(session, "ketenhub.core", false);
        verify(session, times(1)).createQueue("ketenhub.core");
    }

    @Test
    void shouldNotTakeANameThatMerelyStartsLikeAHubQueueForOne() {
        assertThat(resolver.isHubQueue("ketenhub.core")).isTrue();
        assertThat(resolver.isHubQueue("ketenhub.intake.replies")).isTrue();
        assertThat(resolver.isHubQueue("ketenhub.core.replies")).as("a partner's name").isFalse();
        assertThat(resolver.isHubQueue("ketenhub.intake.replies.tmp-4711")).as("a sender's reply queue").isFalse();
    }
}
