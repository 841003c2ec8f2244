package com.mobilityhub.hub.security;

import jakarta.servlet.DispatcherType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The operations console: Hawtio ({@code /actuator/hawtio}) and the Jolokia endpoint it drives
 * ({@code /actuator/jolokia}), for operators in a browser. Unlike the stateless public API ({@link
 * HubSecurityConfiguration}) a browser keeps a session: form login at {@code /login} against {@link ConsoleUsers},
 * cookie CSRF the way the Hawtio client sends it ({@link ConsoleCsrfTokens}), then console roles: viewer or admin
 * see the console, only an admin operates ({@link JolokiaOperationGuard}). An admin bearer token is accepted too
 * (scripts reading Jolokia); bearer requests carry no cookie, so they need no CSRF token. Hawtio itself sees the
 * login through {@code io.hawt.springboot.security.HawtioSpringSecurityLoginModule} and checks {@code hawtio.roles}.
 */
@Configuration(proxyBeanMethods = false)
public class ConsoleSecurityConfiguration {

    // Path patterns on the whole path, not Spring MVC matchers: Hawtio's servlets (/user, /auth/*) and Jolokia's
    // are not behind the DispatcherServlet, and an MVC matcher would let them fall through to the API's chain.
    private static final PathPatternRequestMatcher.Builder PATHS = PathPatternRequestMatcher.withDefaults();
    private static final RequestMatcher CONSOLE = new OrRequestMatcher(PATHS.matcher("/actuator/hawtio/**"),
            PATHS.matcher("/actuator/jolokia/**"), PATHS.matcher("/login"), PATHS.matcher("/logout"),
            PATHS.matcher("/default-ui.css")); // the login page's style sheet

    @Bean
    @Order(5) // before the public API's chain, which matches everything else
    SecurityFilterChain operationsConsole(HttpSecurity http, ConsoleUsers users, HubSecurityProperties properties,
                                          SecurityProblems problems) throws Exception {
        String viewer = ConsoleRole.VIEWER.authority();
        String admin = ConsoleRole.ADMIN.authority();
        http.securityMatcher(CONSOLE)
                // Beside the bearer-token provider of oauth2ResourceServer: both end up in this chain's manager.
                .authenticationProvider(users.authenticationProvider())
                .formLogin(form -> form.defaultSuccessUrl("/actuator/hawtio/", false).permitAll())
                .logout(logout -> logout.permitAll())
                .httpBasic(basic -> basic.disable())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(new JwtCallers(properties.rolesClaim())))
                        .accessDeniedHandler(problems))
                .csrf(csrf -> csrf
                        .csrfTokenRepository(CookieCsrfTokenRepository.withHttpOnlyFalse())
                        .csrfTokenRequestHandler(new ConsoleCsrfTokens())
                        .ignoringRequestMatchers(request -> {
                            String authorization = request.getHeader("Authorization");
                            return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7);
                        }))
                .authorizeHttpRequests(requests -> requests
                        // Authorized on the way in; Hawtio forwards /actuator/hawtio/jolokia to /actuator/jolokia.
                        .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR, DispatcherType.FORWARD).permitAll()
                        .requestMatchers(PATHS.matcher("/login"), PATHS.matcher("/logout"), PATHS.matcher("/default-ui.css"))
                        .permitAll()
                        // Hawtio's proxy to other JVMs' Jolokia stays off (it answers /proxy/enabled with false):
                        // the hub's console manages the hub only.
                        .requestMatchers(PATHS.matcher("/actuator/hawtio/proxy/enabled")).hasAnyAuthority(viewer, admin)
                        .requestMatchers(PATHS.matcher("/actuator/hawtio/proxy/**")).denyAll()
                        .anyRequest().hasAnyAuthority(viewer, admin))
                .addFilterAfter(ConsoleCsrfTokens.cookieWriter(), CsrfFilter.class)
                .addFilterAfter(new JolokiaOperationGuard(), AuthorizationFilter.class);
        return http.build();
    }
}
