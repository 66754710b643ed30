package nl.ketenhub.security;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.Optional;
import nl.ketenhub.config.KetenhubProperties;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class AdminBootstrapTest {

    @Test
    void shouldRefuseToStartWithAShortFirstAdminPassword() {
        AppUserService users = mock(AppUserService.class);
        when(users.find(AdminBootstrap.ADMIN)).thenReturn(Optional.empty());
        AdminBootstrap bootstrap = new AdminBootstrap(users, "admin123", properties());
        assertThatThrownBy(() -> bootstrap.run(null)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("KETENHUB_ADMIN_PASSWORD").hasMessageContaining("12");
        verify(users, never()).create(anyString(), anyString(), any());
    }

    private static KetenhubProperties properties() {
        return new KetenhubProperties("00000099000000000000", "data", "k".repeat(32),
                new KetenhubProperties.Intake(1048576), new KetenhubProperties.Queues("a", "b", "c", "d."),
                new KetenhubProperties.Delivery(3, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(4), 1000),
                new KetenhubProperties.Demo(false, "http://localhost:8080"),
                new KetenhubProperties.Broker(Duration.ofMillis(1), DataSize.ofMegabytes(16), Duration.ofSeconds(1), 10));
    }
}
