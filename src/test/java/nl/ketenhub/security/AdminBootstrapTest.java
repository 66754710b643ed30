package nl.ketenhub.security;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.Optional;
import nl.ketenhub.config.KetenhubProperties;
import nl.ketenhub.support.Settings;
import org.junit.jupiter.api.Test;

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
        return Settings.ketenhub();
    }
}
