package com.mobilityhub.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Narayana's participant calls ({@code ClientBuilder.newClient()}, call, close) share one client. */
class ParticipantClientBuilderTest {

    private HttpServer participant;
    private final AtomicInteger completions = new AtomicInteger();

    @BeforeEach
    void startParticipant() throws Exception {
        participant = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        participant.createContext("/complete", exchange -> {
            exchange.getRequestBody().readAllBytes();
            completions.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        participant.start();
    }

    @AfterEach
    void stopParticipant() {
        participant.stop(0);
    }

    @Test
    void theJaxRsClientBuilderOfThisProcessIsOurs() {
        assertThat(ClientBuilder.newBuilder()).isInstanceOf(ParticipantClientBuilder.class);
    }

    @Test
    void everyPlainNewClientIsTheSharedOneAndStaysUsableAfterNarayanaClosesIt() throws Exception {
        Client first = ClientBuilder.newClient();
        assertThat(put(first)).isEqualTo(200);
        first.close();

        Client second = ClientBuilder.newClient();
        assertThat(second).isSameAs(first);
        assertThat(put(second)).isEqualTo(200);
        second.close();

        assertThat(completions).hasValue(2);
    }

    @Test
    void aConfiguredBuilderBuildsAClientOfItsOwn() {
        Client own = ClientBuilder.newBuilder().connectTimeout(1, TimeUnit.SECONDS).build();
        try {
            assertThat(own).isNotSameAs(ClientBuilder.newClient()).isNotInstanceOf(SharedParticipantClient.class);
        } finally {
            own.close();
        }
    }

    @Test
    void theSharedClientCannotBeReconfiguredByOneCaller() {
        assertThatThrownBy(() -> ClientBuilder.newClient().property("jersey.config.client.followRedirects", false))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    /** As Narayana calls a participant: async PUT, then a timed wait for the answer. */
    private int put(Client client) throws Exception {
        String url = "http://127.0.0.1:" + participant.getAddress().getPort() + "/complete";
        try (Response response = client.target(url).request().async().put(Entity.text("")).get(10, TimeUnit.SECONDS)) {
            return response.getStatus();
        }
    }
}
