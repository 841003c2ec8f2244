package com.mobilityhub.hub.security;

import jakarta.servlet.DispatcherType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;

import java.time.Clock;

/**
 * The hub's public API and operations endpoints as an OAuth2 resource server: every request carries
 * a JWT bearer token (except the open paths of {@link AccessTable}), checked before any Camel route
 * runs. The rules themselves are the {@link AccessTable}; this class only wires them in. The operations console
 * (Hawtio, Jolokia) has its own chain with a login: {@link ConsoleSecurityConfiguration}.
 */
@Configuration(proxyBeanMethods = false)
public class HubSecurityConfiguration {

    @Bean
    SecurityProblems securityProblems() {
        return new SecurityProblems();
    }

    @Bean
    @Order(10)
    // Hawtio looks up every SecurityFilterChain while the servlet container starts (SpringHawtioContextListener):
    // @Lazy keeps that early lookup from creating ResourceOwners, and reading the service URLs, that soon.
    SecurityFilterChain hubApi(HttpSecurity http, HubSecurityProperties properties, @Lazy ResourceOwners owners,
                               SecurityProblems problems) throws Exception {
        http.securityMatcher("/**")
                // Bearer tokens, no cookies: nothing for a cross-site request to ride on.
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .anonymous(anonymous -> { })
                .authorizeHttpRequests(requests -> requests
                        // platform-http answers asynchronously: the request was authorized on its way in. So was a
                        // server-side forward (Hawtio's /actuator/hawtio/jolokia to /actuator/jolokia).
                        .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR, DispatcherType.FORWARD).permitAll()
                        .anyRequest().access(new HubAccessPolicy(owners)))
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(new JwtCallers(properties.rolesClaim())))
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .addFilterBefore(new RequestLimits(properties.limits()), BearerTokenAuthenticationFilter.class)
                .addFilterAfter(new BookingRateLimit(properties.bookingRateLimit(), Clock.systemUTC()), AuthorizationFilter.class)
                .addFilterAfter(new RiderRequests(), BookingRateLimit.class);
        return http.build();
    }
}
