package com.mobilityhub.hub;

/** Properties every test hub context needs. */
public final class HubTestProperties {

    /**
     * The services' jars put JPA, Flyway and the PostgreSQL driver on the test classpath; the hub
     * owns no database (yet), so its context must not configure one.
     */
    public static final String NO_DATABASE = "spring.autoconfigure.exclude="
            + "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration,"
            + "org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration,"
            + "org.springframework.boot.autoconfigure.orm.jpa.HibernateJpaAutoConfiguration,"
            + "org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration,"
            + "org.springframework.boot.autoconfigure.data.jpa.JpaRepositoriesAutoConfiguration";

    private HubTestProperties() {
    }
}
