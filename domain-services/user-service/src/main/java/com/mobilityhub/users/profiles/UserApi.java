package com.mobilityhub.users.profiles;

import com.mobilityhub.contracts.api.users.RegisterUser;
import com.mobilityhub.contracts.api.users.TopUpCredits;
import com.mobilityhub.contracts.api.users.UserView;
import com.mobilityhub.kit.api.ApiRouteBuilder;
import com.mobilityhub.kit.api.JsonRequests;
import com.mobilityhub.kit.api.ProblemException;
import com.mobilityhub.users.UserIds;
import com.mobilityhub.users.credits.CreditAccount;
import com.mobilityhub.users.credits.CreditAccountRepository;
import com.mobilityhub.users.credits.CreditTopUps;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

import java.util.UUID;

/** {@code POST /users}, {@code GET /users/{id}}, {@code POST /users/{id}/credits}. */
@Component
public class UserApi extends ApiRouteBuilder {

    private static final String JSON = "application/json";

    private final JsonRequests requests;
    private final UserRegistration registration;
    private final CreditTopUps topUps;
    private final UserRepository users;
    private final CreditAccountRepository accounts;

    public UserApi(JsonRequests requests, UserRegistration registration, CreditTopUps topUps,
                   UserRepository users, CreditAccountRepository accounts) {
        this.requests = requests;
        this.registration = registration;
        this.topUps = topUps;
        this.users = users;
        this.accounts = accounts;
    }

    @Override
    protected void configureApi() {
        rest("/users")
                .post().consumes(JSON).produces(JSON).to("direct:register-user")
                .get("/{id}").produces(JSON).to("direct:get-user")
                .post("/{id}/credits").consumes(JSON).produces(JSON).to("direct:top-up-credits");

        from("direct:register-user").routeId("register-user").process(this::register);
        from("direct:get-user").routeId("get-user").process(this::get);
        from("direct:top-up-credits").routeId("top-up-credits").process(this::topUp);
    }

    private void register(Exchange exchange) throws Exception {
        RegisterUser command = requests.read(exchange.getMessage().getBody(String.class), RegisterUser.class);
        UserView user = registration.register(command);
        respond(exchange, 201, user);
        exchange.getMessage().setHeader("Location", "/users/" + user.id());
    }

    private void get(Exchange exchange) throws Exception {
        UUID id = UserIds.parse(exchange.getMessage().getHeader("id", String.class));
        User user = users.findById(id).orElseThrow(() -> ProblemException.notFound("User", id.toString()));
        CreditAccount account = accounts.findById(id).orElseThrow(() -> ProblemException.notFound("User", id.toString()));
        respond(exchange, 200, UserViews.of(user, account));
    }

    private void topUp(Exchange exchange) throws Exception {
        UUID id = UserIds.parse(exchange.getMessage().getHeader("id", String.class));
        TopUpCredits command = requests.read(exchange.getMessage().getBody(String.class), TopUpCredits.class);
        CreditAccount account = topUps.topUp(id, command.amount());
        User user = users.findById(id).orElseThrow(() -> ProblemException.notFound("User", id.toString()));
        respond(exchange, 200, UserViews.of(user, account));
    }
}
