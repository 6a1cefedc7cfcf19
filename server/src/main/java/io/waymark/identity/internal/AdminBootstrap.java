package io.waymark.identity.internal;

import io.waymark.identity.Role;
import io.waymark.identity.UserId;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Creates the first admin ({@code admin}) at start-up when there is none, with {@code waymark.admin.password} or
 * else a random password printed once. Idempotent, and safe when several nodes start together: the insert skips a
 * name that is taken, and only the node whose insert won prints its password.
 */
@Component
@Order(0)
class AdminBootstrap implements ApplicationRunner {

    static final String ADMIN = "admin";

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

    private final UserStore users;
    private final PasswordEncoder passwords;
    private final AdminProperties properties;

    AdminBootstrap(UserStore users, PasswordEncoder passwords, AdminProperties properties) {
        this.users = users;
        this.passwords = passwords;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        ensureAdmin().block(Duration.ofMinutes(1));
    }

    /** Creates the admin if missing; true when this call created it. */
    Mono<Boolean> ensureAdmin() {
        return users.exists(ADMIN).flatMap(exists -> {
            if (exists) {
                return Mono.just(false);
            }
            boolean generated =
                    properties.password() == null || properties.password().isBlank();
            String password = generated ? OpaqueTokens.newToken().substring(0, 24) : properties.password();
            return users.insert(UserId.random(), ADMIN, passwords.encode(password), Role.ADMIN)
                    .doOnNext(created -> {
                        if (created && generated) {
                            log.warn(
                                    "\n\n************************************************************\n"
                                            + "  Waymark created the first admin.\n"
                                            + "  user name: {}\n  password:  {}\n"
                                            + "  This password is shown only once: write it down now,\n"
                                            + "  or set WAYMARK_ADMIN_PASSWORD before the first start.\n"
                                            + "************************************************************\n",
                                    ADMIN,
                                    password);
                        } else if (created) {
                            log.info("created the first admin '{}' with the configured password", ADMIN);
                        }
                    });
        });
    }
}
