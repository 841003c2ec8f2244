package com.mobilityhub.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The raw database: one-row insert transactions (autocommit, so each one is committed and
 * flushed like a service's state change) into a scratch table of a {@code bench} database, one
 * connection per client. Touches nothing of the services' databases.
 */
public final class DatabaseBaseline implements AutoCloseable {

    static final String DATABASE = "bench";

    private final List<Connection> connections = new ArrayList<>();
    private final List<PreparedStatement> inserts = new ArrayList<>();

    public DatabaseBaseline(String host, int port, String user, String password, int clients) throws SQLException {
        String server = "jdbc:postgresql://" + host + ":" + port + "/";
        try (Connection admin = DriverManager.getConnection(server + "postgres", user, password);
             Statement statement = admin.createStatement()) {
            var exists = statement.executeQuery("select 1 from pg_database where datname = '" + DATABASE + "'");
            if (!exists.next()) {
                statement.execute("create database " + DATABASE);
            }
        }
        for (int c = 0; c < clients; c++) {
            Connection connection = DriverManager.getConnection(server + DATABASE, user, password);
            connections.add(connection);
            if (c == 0) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("create table if not exists bench_insert (id bigserial primary key, "
                            + "client int not null, payload text not null, at timestamptz not null default now())");
                    statement.execute("truncate bench_insert");
                }
            }
            inserts.add(connection.prepareStatement("insert into bench_insert (client, payload) values (?, ?)"));
        }
    }

    /** One committed one-row transaction on client {@code client}'s connection. */
    public boolean insert(int client) throws SQLException {
        PreparedStatement insert = inserts.get(client);
        insert.setInt(1, client);
        insert.setString(2, "bench row of client " + client);
        return insert.executeUpdate() == 1;
    }

    @Override
    public void close() throws SQLException {
        for (Connection connection : connections) {
            connection.close();
        }
    }
}
