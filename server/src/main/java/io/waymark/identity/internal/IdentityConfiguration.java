package io.waymark.identity.internal;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Beans of identity that are not components of their own. */
@Configuration(proxyBeanMethods = false)
class IdentityConfiguration {

    /** BCrypt: slow on purpose, so callers run it on {@code Schedulers.boundedElastic()}. */
    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }
}
