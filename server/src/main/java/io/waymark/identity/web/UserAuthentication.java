package io.waymark.identity.web;

import io.waymark.identity.CurrentUser;
import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** An authenticated console user: the principal is the {@link CurrentUser}, the authority {@code ROLE_<role>}. */
final class UserAuthentication extends AbstractAuthenticationToken {

    private final CurrentUser user;

    UserAuthentication(CurrentUser user) {
        super(List.of(new SimpleGrantedAuthority("ROLE_" + user.role().name())));
        this.user = user;
        setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public Object getPrincipal() {
        return user;
    }

    @Override
    public String getName() {
        return user.username();
    }
}
