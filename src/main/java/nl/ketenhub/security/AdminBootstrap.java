package nl.ketenhub.security;

import java.security.SecureRandom;
import java.util.Base64;
import nl.ketenhub.config.KetenhubProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Creates the first admin from {@code KETENHUB_ADMIN_PASSWORD}. In demo mode without that variable, a generated
 * password is set and printed once at start-up; outside demo mode the hub refuses to start without an admin.
 */
@Component
@Order(0)
public class AdminBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);
    static final String ADMIN = "admin";

    private final AppUserService users;
    private final String configuredPassword;
    private final boolean demo;

    public AdminBootstrap(AppUserService users, @Value("${KETENHUB_ADMIN_PASSWORD:}") String configuredPassword,
            KetenhubProperties properties) {
        this.users = users;
        this.configuredPassword = configuredPassword;
        this.demo = properties.demo().enabled();
    }

    @Override
    public void run(ApplicationArguments args) {
        boolean exists = users.find(ADMIN).isPresent();
        if (!configuredPassword.isBlank()) {
            if (!exists) {
                if (configuredPassword.length() < AppUserService.MIN_PASSWORD_LENGTH) {
                    throw new IllegalStateException("KETENHUB_ADMIN_PASSWORD is too short: the first admin's password has at least "
                            + AppUserService.MIN_PASSWORD_LENGTH + " characters");
                }
                users.create(ADMIN, configuredPassword, AppUserService.Role.ADMIN);
                log.info("created the first admin '{}' from KETENHUB_ADMIN_PASSWORD", ADMIN);
            }
            return;
        }
        if (demo) {
            byte[] bytes = new byte[12];
            new SecureRandom().nextBytes(bytes);
            String generated = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            if (exists) {
                users.setPassword(ADMIN, generated);
            } else {
                users.create(ADMIN, generated, AppUserService.Role.ADMIN);
            }
            // Printed once, on purpose: demo mode only, and the operator needs it to log in.
            System.out.println();
            System.out.println("  Ketenhub demo admin:  user 'admin'  password '" + generated + "'");
            System.out.println("  (set KETENHUB_ADMIN_PASSWORD to choose it yourself)");
            System.out.println();
            return;
        }
        if (!exists) {
            throw new IllegalStateException("no admin user exists: set KETENHUB_ADMIN_PASSWORD for the first start");
        }
    }
}
