package com.mobilityhub.hub.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

import java.util.List;

/**
 * {@code mobility.operations.console-users}: the operators who may log in to the Hawtio console, each with a
 * password hash and console roles. Only hashes are configured ({@code {bcrypt}$2a$...}, or any other id of
 * Spring's delegating encoder except {@code {noop}}); the hub refuses to start on a plain-text password. Without
 * accounts the console exists but nobody can log in (an admin bearer token still reads Jolokia).
 */
@ConfigurationProperties("mobility.operations")
public record ConsoleUsers(@DefaultValue List<Account> consoleUsers) {

    /** One operator: {@code roles} are {@code viewer} and/or {@code admin}. */
    public record Account(String username, String passwordHash, List<String> roles) {
    }

    public ConsoleUsers {
        for (Account account : consoleUsers) {
            if (account.username() == null || account.username().isBlank()) {
                throw new IllegalArgumentException("mobility.operations.console-users: every account needs a username");
            }
            String hash = account.passwordHash() == null ? "" : account.passwordHash().trim();
            if (!hash.startsWith("{") || hash.regionMatches(true, 0, "{noop}", 0, 6)) {
                throw new IllegalArgumentException("mobility.operations.console-users: the password of '"
                        + account.username() + "' must be a hash like {bcrypt}$2a$10$..., never plain text");
            }
            if (account.roles() == null || account.roles().isEmpty()) {
                throw new IllegalArgumentException("mobility.operations.console-users: '" + account.username()
                        + "' needs a role (viewer or admin)");
            }
            account.roles().forEach(ConsoleRole::fromConfig);
        }
    }

    /** Checks a console login's username and password against these accounts (and nothing else). */
    DaoAuthenticationProvider authenticationProvider() {
        PasswordEncoder hashes = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        List<UserDetails> users = consoleUsers.stream().map(account -> User.withUsername(account.username())
                .password(account.passwordHash().trim())
                .authorities(account.roles().stream().map(ConsoleRole::fromConfig).map(ConsoleRole::authority)
                        .toArray(String[]::new))
                .build()).map(UserDetails.class::cast).toList();
        DaoAuthenticationProvider provider = new DaoAuthenticationProvider(new InMemoryUserDetailsManager(users));
        provider.setPasswordEncoder(hashes);
        return provider;
    }
}
