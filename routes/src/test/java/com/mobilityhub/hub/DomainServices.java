package com.mobilityhub.hub;

import com.mobilityhub.infra.LocalPostgres;
import com.mobilityhub.infra.SharedInfrastructure;
import com.mobilityhub.users.UserServiceApplication;
import com.mobilityhub.vehicles.VehicleServiceApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The real user-service and vehicle-service, each its own Spring Boot context on a random port in
 * this JVM, against the shared real Kafka and PostgreSQL. Started once per JVM on first use.
 * Hawtio, Jolokia and Camel JMX stay off in them: those belong to the hub's context.
 */
public final class DomainServices {

    private static DomainServices running;

    private final Service users;
    private final Service vehicles;

    private DomainServices(Service users, Service vehicles) {
        this.users = users;
        this.vehicles = vehicles;
    }

    public static synchronized DomainServices get() {
        if (running == null) {
            SharedInfrastructure infrastructure = SharedInfrastructure.get();
            Service users = Service.start(infrastructure, UserServiceApplication.class, "user-service", "users");
            Service vehicles = Service.start(infrastructure, VehicleServiceApplication.class, "vehicle-service", "vehicles");
            running = new DomainServices(users, vehicles);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
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

    /** One running service: its base URL and a way to count what it stored. */
    public record Service(String appName, String database, ConfigurableApplicationContext context, String url,
                          String jdbcUrl) {

        static Service start(SharedInfrastructure infrastructure, Class<?> application, String appName, String database) {
            infrastructure.postgres().createDatabase(database);
            String jdbcUrl = infrastructure.postgres().jdbcUrl(database);
            // Command-line arguments outrank the system properties other test classes may set.
            ConfigurableApplicationContext context = new SpringApplicationBuilder(application).run(
                    "--spring.config.name=" + appName,
                    "--server.port=0",
                    "--spring.datasource.url=" + jdbcUrl,
                    "--spring.datasource.username=" + LocalPostgres.USER,
                    "--spring.datasource.password=",
                    "--spring.kafka.bootstrap-servers=" + infrastructure.kafka().bootstrapServers(),
                    "--camel.main.name=" + appName,
                    "--camel.main.jmx-enabled=false",
                    "--hawtio.enabled=false",
                    "--management.endpoint.jolokia.access=none",
                    "--spring.main.banner-mode=off");
            int port = ((WebServerApplicationContext) context).getWebServer().getPort();
            return new Service(appName, database, context, "http://127.0.0.1:" + port, jdbcUrl);
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
