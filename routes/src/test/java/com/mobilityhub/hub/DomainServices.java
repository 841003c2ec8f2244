package com.mobilityhub.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mobilityhub.billing.BillingServiceApplication;
import com.mobilityhub.coordinator.CoordinatorProcess;
import com.mobilityhub.gateway.Faults;
import com.mobilityhub.gateway.PaymentGatewaySimulator;
import com.mobilityhub.infra.LocalPostgres;
import com.mobilityhub.infra.SharedInfrastructure;
import com.mobilityhub.notifications.NotificationServiceApplication;
import com.mobilityhub.trips.TripServiceApplication;
import com.mobilityhub.users.UserServiceApplication;
import com.mobilityhub.vehicles.VehicleServiceApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The real saga participants (user-, vehicle-, trip- and notification-service), each its own Spring
 * Boot context in this JVM on a fixed free port (so its LRA participant URL is right before Camel
 * starts), against the shared Kafka and PostgreSQL and the JVM's one real LRA coordinator
 * ({@link TestCoordinator}). Started once per JVM on first use. Hawtio, Jolokia and Camel JMX stay
 * off in them: those belong to the hub's context.
 *
 * <p>billing-service bills completed trips against the payment gateway simulator, which runs in this JVM
 * too ({@link #gatewayUrl()}: its {@code /admin/faults} and {@code /admin/charges} are for the tests).
 *
 * <p>One rider is registered before notification-service starts and named in its fault injector
 * ({@code mobility.notifications.fail-confirmations-for-users}): {@link #riderWhoseConfirmationsFail()}.
 */
public final class DomainServices {

    private static DomainServices running;

    private final Service users;
    private final Service vehicles;
    private final Service trips;
    private final Service notifications;
    private final Service billing;
    private final PaymentGatewaySimulator gateway;
    private final UUID riderWhoseConfirmationsFail;

    private DomainServices(Service users, Service vehicles, Service trips, Service notifications, Service billing,
                           PaymentGatewaySimulator gateway, UUID riderWhoseConfirmationsFail) {
        this.users = users;
        this.vehicles = vehicles;
        this.trips = trips;
        this.notifications = notifications;
        this.billing = billing;
        this.gateway = gateway;
        this.riderWhoseConfirmationsFail = riderWhoseConfirmationsFail;
    }

    public static synchronized DomainServices get() {
        if (running == null) {
            SharedInfrastructure infrastructure = SharedInfrastructure.get();
            CoordinatorProcess coordinator = TestCoordinator.get();
            Service users = Service.start(infrastructure, coordinator, UserServiceApplication.class, "user-service", "users");
            Service vehicles = Service.start(infrastructure, coordinator, VehicleServiceApplication.class, "vehicle-service",
                    "vehicles");
            Service trips = Service.start(infrastructure, coordinator, TripServiceApplication.class, "trip-service", "trips");
            PaymentGatewaySimulator gateway = startGateway();
            Service billing = Service.start(infrastructure, coordinator, BillingServiceApplication.class, "billing-service",
                    "billing",
                    "--mobility.billing.user-service.url=" + users.url(),
                    "--mobility.billing.gateway.url=http://127.0.0.1:" + gateway.port(),
                    // A gateway outage and its recovery fit in a test; the defaults stay in billing-service.yml.
                    "--mobility.billing.gateway.timeout=1s",
                    "--mobility.billing.gateway.open-duration=2s",
                    "--mobility.billing.gateway.retry-delay=50ms",
                    "--mobility.billing.settlement.period=1s",
                    "--mobility.billing.settlement.grace=5s");
            UUID failingRider = registerRider(users.url(), "1000.00");
            Service notifications = Service.start(infrastructure, coordinator, NotificationServiceApplication.class,
                    "notification-service", "notifications",
                    "--mobility.notifications.fail-confirmations-for-users=" + failingRider);
            running = new DomainServices(users, vehicles, trips, notifications, billing, gateway, failingRider);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                notifications.context.close();
                billing.context.close();
                gateway.close();
                trips.context.close();
                vehicles.context.close();
                users.context.close();
            }, "domain-services-stop"));
        }
        return running;
    }

    public Service users() {
        return users;
    }

    public Service vehicles() {
        return vehicles;
    }

    public Service trips() {
        return trips;
    }

    public Service notifications() {
        return notifications;
    }

    public Service billing() {
        return billing;
    }

    /** The payment gateway simulator billing-service charges: {@code /payments}, {@code /admin/faults}, {@code /admin/charges}. */
    public String gatewayUrl() {
        return "http://127.0.0.1:" + gateway.port();
    }

    /** No latency, no failures: what every test starts from. */
    private static PaymentGatewaySimulator startGateway() {
        try {
            return PaymentGatewaySimulator.start("127.0.0.1", 0, new Faults(Duration.ZERO, 0));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start the payment gateway simulator", e);
        }
    }

    /** notification-service fails every booking confirmation of this rider (NOTIFICATION_FAILED). */
    public UUID riderWhoseConfirmationsFail() {
        return riderWhoseConfirmationsFail;
    }

    private static UUID registerRider(String userServiceUrl, String credits) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(userServiceUrl + "/users"))
                    .header("Content-Type", "application/json")
                    .headers(HubTestProperties.serviceCredentialHeaders("POST", "/users"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Unlucky Rider\",\"email\":\"unlucky-"
                            + UUID.randomUUID() + "@example.com\",\"initialCredits\":" + credits + "}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201) {
                throw new IllegalStateException("Cannot register the failing rider: " + response.body());
            }
            return UUID.fromString(new ObjectMapper().readTree(response.body()).path("id").asText());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** One running service: its base URL and a way to count what it stored. */
    public record Service(String appName, String database, ConfigurableApplicationContext context, String url,
                          String jdbcUrl) {

        private static final HttpClient PARTICIPATIONS_CLIENT =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        static Service start(SharedInfrastructure infrastructure, CoordinatorProcess coordinator, Class<?> application,
                             String appName, String database, String... extraArguments) {
            infrastructure.postgres().createDatabase(database);
            String jdbcUrl = infrastructure.postgres().jdbcUrl(database);
            int port = CoordinatorProcess.freePort();
            List<String> arguments = new ArrayList<>(List.of(
                    // Command-line arguments outrank the system properties other test classes may set.
                    "--spring.config.name=" + appName,
                    "--server.port=" + port,
                    "--spring.datasource.url=" + jdbcUrl,
                    "--spring.datasource.username=" + LocalPostgres.USER,
                    "--spring.datasource.password=",
                    "--spring.kafka.bootstrap-servers=" + infrastructure.kafka().bootstrapServers(),
                    "--camel.main.name=" + appName,
                    "--camel.main.jmx-enabled=false",
                    "--camel.lra.enabled=true",
                    "--camel.lra.coordinator-url=" + coordinator.baseUrl(),
                    "--camel.lra.local-participant-url=http://127.0.0.1:" + port,
                    "--mobility.service-auth.secret=" + HubTestProperties.SERVICE_SECRET,
                    // camel-lra brings camel-servlet; REST runs on platform-http, and a second CamelServlet in
                    // one JVM fails to register.
                    "--camel.servlet.mapping.enabled=false",
                    "--hawtio.enabled=false",
                    "--management.endpoint.jolokia.access=none",
                    // The hub's Spring Security is on this test JVM's classpath, not on a service's: services
                    // guard their internal APIs with service-kit's service credential instead.
                    "--spring.autoconfigure.exclude="
                            + "org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration,"
                            + "org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration,"
                            + "org.springframework.boot.autoconfigure.security.servlet.SecurityFilterAutoConfiguration,"
                            + "org.springframework.boot.autoconfigure.security.oauth2.resource.servlet.OAuth2ResourceServerAutoConfiguration,"
                            + "org.springframework.boot.actuate.autoconfigure.security.servlet.ManagementWebSecurityAutoConfiguration",
                    "--spring.main.banner-mode=off"));
            arguments.addAll(List.of(extraArguments));
            ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
                    .run(arguments.toArray(String[]::new));
            return new Service(appName, database, context, "http://127.0.0.1:" + port, jdbcUrl);
        }

        /**
         * The service's own word on its saga steps for these bookings (comma-separated ids):
         * {@code {"items":[{"bookingId":..,"state":ACTIVE|COMPLETED|COMPENSATED|FAILED},..]}}.
         */
        public JsonNode sagaParticipations(String bookingIds) {
            try {
                HttpResponse<String> response = PARTICIPATIONS_CLIENT.send(HttpRequest.newBuilder(
                                URI.create(url + "/saga/participations?bookingIds=" + bookingIds))
                        // Internal APIs take only signed service calls (the path is signed, not the query).
                        .headers(HubTestProperties.serviceCredentialHeaders("GET", "/saga/participations"))
                        .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    throw new AssertionError(appName + " answered " + response.statusCode() + ": " + response.body());
                }
                return new ObjectMapper().readTree(response.body());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        /**
         * Rows in the service's own tables (its outbox and processed-event bookkeeping excluded, as
         * the relay deletes outbox rows on its own schedule): unchanged means nothing was written.
         */
        public long storedRows() {
            try (Connection connection = DriverManager.getConnection(jdbcUrl, LocalPostgres.USER, "");
                 Statement statement = connection.createStatement()) {
                List<String> tables = new ArrayList<>();
                try (ResultSet rs = statement.executeQuery("select table_name from information_schema.tables"
                        + " where table_schema = 'public' and table_type = 'BASE TABLE'"
                        + " and table_name not in ('flyway_schema_history', 'outbox_event', 'processed_event')")) {
                    while (rs.next()) {
                        tables.add(rs.getString(1));
                    }
                }
                long rows = 0;
                for (String table : tables) {
                    try (ResultSet rs = statement.executeQuery("select count(*) from \"" + table + "\"")) {
                        rs.next();
                        rows += rs.getLong(1);
                    }
                }
                return rows;
            } catch (SQLException e) {
                throw new IllegalStateException("Cannot count rows of " + database, e);
            }
        }
    }
}
