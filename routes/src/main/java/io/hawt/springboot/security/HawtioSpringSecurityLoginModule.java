package io.hawt.springboot.security;

import io.hawt.web.auth.AuthenticationConfiguration;
import io.hawt.web.auth.RolePrincipal;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

import javax.security.auth.Subject;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.spi.LoginModule;
import java.lang.reflect.Constructor;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Why this class lives in a Hawtio package inside the hub: hawtio-springboot 5.2.0 turns its Spring Security
 * integration on only when a class of exactly this name loads ({@code SpringHawtioContextListener}), and no
 * published jar contains it (FIELD-NOTES). Its JAAS configuration ({@code SpringSecurityJAASConfiguration}) runs
 * Spring's {@code SecurityContextLoginModule} first, which puts the request's Spring {@link Authentication} (the
 * console login or an admin bearer token) into the JAAS subject; this module then adds one Hawtio role principal
 * per granted role ({@code ROLE_VIEWER} becomes {@code viewer}), which Hawtio checks against {@code hawtio.roles}.
 * It authenticates nothing itself: the password was checked by Spring Security before any Hawtio code ran.
 */
public class HawtioSpringSecurityLoginModule implements LoginModule {

    private static final String ROLE_PREFIX = "ROLE_";

    private Subject subject;
    private Class<? extends Principal> roleClass = RolePrincipal.class;
    private final List<Principal> added = new ArrayList<>();

    @Override
    public void initialize(Subject subject, CallbackHandler callbackHandler, Map<String, ?> sharedState,
                           Map<String, ?> options) {
        this.subject = subject;
        if (options.get(AuthenticationConfiguration.class.getName()) instanceof AuthenticationConfiguration config
                && config.getDefaultRolePrincipalClass() != null) {
            roleClass = config.getDefaultRolePrincipalClass();
        }
    }

    @Override
    public boolean login() {
        return true;
    }

    @Override
    public boolean commit() {
        List<Authentication> authentications = subject.getPrincipals(Authentication.class).stream().toList();
        for (Authentication authentication : authentications) {
            for (GrantedAuthority authority : authentication.getAuthorities()) {
                String name = authority.getAuthority();
                if (name != null && name.startsWith(ROLE_PREFIX)) {
                    Principal role = rolePrincipal(name.substring(ROLE_PREFIX.length()).toLowerCase(Locale.ROOT));
                    if (subject.getPrincipals().add(role)) {
                        added.add(role);
                    }
                }
            }
        }
        return true;
    }

    @Override
    public boolean abort() {
        return logout();
    }

    @Override
    public boolean logout() {
        added.forEach(subject.getPrincipals()::remove);
        added.clear();
        return true;
    }

    private Principal rolePrincipal(String role) {
        try {
            Constructor<? extends Principal> constructor = roleClass.getConstructor(String.class);
            return constructor.newInstance(role);
        } catch (ReflectiveOperationException e) {
            return new RolePrincipal(role); // a configured class without a (String) constructor: Hawtio's own
        }
    }
}
