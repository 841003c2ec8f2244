package com.mobilityhub.billing;

import com.mobilityhub.infra.LocalPostgres;
import com.mobilityhub.infra.Ports;
import com.mobilityhub.infra.SharedInfrastructure;
import com.mobilityhub.users.UserServiceApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * The real user-service (it owns the credits billing captures), its own Spring Boot context in this JVM
 * against the shared Kafka and PostgreSQL, started once per JVM. Its saga step is never triggered
 * here (nothing publishes bookings), so its LRA coordinator URL points nowhere.
 */
public final class UserServiceBeside {

    /**
     * user-service verifies service credentials with it, and billing signs its calls with it
     * ({@link WholeBillingService}): a capture or account read billing forgot to sign fails the tests. Test-only value.
     */
    public static final String SERVICE_SECRET = "billing-it-service-secret-93b0c5";

    private static UserServiceBeside running;

    private final String url;
    private final JdbcTemplate users;
    private final ConfigurableApplicationContext context;

    private UserServiceBeside(String url, JdbcTemplate users, ConfigurableApplicationContext context) {
        this.url = url;
        this.users = users;
        this.context = context;
    }

    public static synchronized UserServiceBeside get() {
        if (running == null) {
            SharedInfrastructure infrastructure = SharedInfrastructure.get();
            infrastructure.postgres().createDatabase("users");
            String jdbcUrl = infrastructure.postgres().jdbcUrl("users");
            int port = Ports.free();
            ConfigurableApplicationContext context = new SpringApplicationBuilder(UserServiceApplication.class).run(
                    // Command-line arguments outrank the system properties the billing test context set.
                    "--spring.config.name=user-service",
                    "--server.port=" + port,
                    "--spring.datasource.url=" + jdbcUrl,
                    "--spring.datasource.username=" + LocalPostgres.USER,
                    "--spring.datasource.password=",
                    "--spring.kafka.bootstrap-servers=" + infrastructure.kafka().bootstrapServers(),
                    "--camel.main.name=user-service",
                    "--camel.main.jmx-enabled=false",
                    "--camel.lra.coordinator-url=http://127.0.0.1:" + Ports.free(),
                    "--camel.lra.local-participant-url=http://127.0.0.1:" + port,
                    "--mobility.service-auth.secret=" + SERVICE_SECRET,
                    "--camel.servlet.mapping.enabled=false",
                    "--spring.main.banner-mode=off");
            running = new UserServiceBeside("http://127.0.0.1:" + port,
                    new JdbcTemplate(new DriverManagerDataSource(jdbcUrl, LocalPostgres.USER, "")), context);
            Runtime.getRuntime().addShutdownHook(new Thread(context::close, "user-service-stop"));
        }
        return running;
    }

    public String url() {
        return url;
    }

    /** A rider with {@code balance} spendable credits. */
    public UUID rider(String balance) {
        UUID id = UUID.randomUUID();
        users.update("insert into users (id, name, email, created_at) values (?, 'Rider', ?, now())",
                id, "rider." + id + "@example.com");
        users.update("insert into credit_account (user_id, balance, held, version, updated_at) values (?, ?::numeric, 0, 0, now())",
                id, balance);
        return id;
    }

    /** Credits held for {@code bookingId}, as the booking saga leaves them (proven in user-service's own tests). */
    public void hold(UUID rider, String bookingId, String amount) {
        users.update("update credit_account set balance = balance - ?::numeric, held = held + ?::numeric where user_id = ?",
                amount, amount, rider);
        users.update("insert into credit_hold (id, user_id, booking_id, amount, status, created_at, updated_at) "
                + "values (?, ?, ?, ?::numeric, 'HELD', now(), now())", UUID.randomUUID(), rider, bookingId, amount);
    }

    public BigDecimal balance(UUID rider) {
        return users.queryForObject("select balance from credit_account where user_id = ?", BigDecimal.class, rider);
    }

    public BigDecimal held(UUID rider) {
        return users.queryForObject("select held from credit_account where user_id = ?", BigDecimal.class, rider);
    }

    public long captures(String bookingId) {
        return users.queryForObject("select count(*) from credit_capture where booking_id = ?", Long.class, bookingId);
    }
}
