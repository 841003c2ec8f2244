package com.mobilityhub.hub.users;

import com.mobilityhub.contracts.api.users.CreditAccountView;
import com.mobilityhub.contracts.api.users.RegisterUser;
import com.mobilityhub.contracts.api.users.TopUpCredits;
import com.mobilityhub.contracts.api.users.UserView;
import com.mobilityhub.hub.services.ServiceRequest;
import com.mobilityhub.kit.api.ApiRouteBuilder;
import org.apache.camel.model.rest.RestDefinition;
import org.springframework.stereotype.Component;

import static com.mobilityhub.hub.api.ApiDocs.JSON;
import static com.mobilityhub.hub.api.ApiDocs.problems;
import static com.mobilityhub.hub.services.DomainService.USERS;

/** {@code /users}: riders and their credits, owned by user-service. */
@Component
public class UserApiRoutes extends ApiRouteBuilder {

    @Override
    protected void configureApi() {
        RestDefinition users = rest("/users").tag("users");
        problems(users.post()
                .id("register-user")
                .description("Registers a user with initial credits")
                .consumes(JSON).produces(JSON).type(RegisterUser.class)
                .responseMessage().code(201).message("The user; Location names it").responseModel(UserView.class)
                    .header("Location").description("/api/v1/users/{id}").dataType("string").endHeader().endResponseMessage(), 400, 503)
                .to("direct:register-user");
        problems(users.get("/{id}")
                .id("get-user")
                .description("Reads a user and their credits (balance is spendable, held is reserved by bookings)")
                .produces(JSON).outType(UserView.class)
                .responseMessage().code(200).message("The user").responseModel(UserView.class).endResponseMessage(),
                404, 503)
                .to("direct:get-user");
        problems(users.post("/{id}/credits")
                .id("top-up-credits")
                .description("Tops up a user's credits; the amount must be positive, with at most 2 decimals")
                .consumes(JSON).produces(JSON).type(TopUpCredits.class).outType(UserView.class)
                .responseMessage().code(200).message("The user after the top-up").responseModel(UserView.class)
                    .endResponseMessage(), 400, 404, 409, 503)
                .to("direct:top-up-credits");
        problems(users.get("/{id}/credit-account")
                .id("get-credit-account")
                .description("Reads a user's credit account with every hold on it")
                .produces(JSON).outType(CreditAccountView.class)
                .responseMessage().code(200).message("The credit account").responseModel(CreditAccountView.class)
                    .endResponseMessage(), 404, 503)
                .to("direct:get-credit-account");

        from("direct:register-user").routeId("register-user")
                .process(ServiceRequest.post("/users"))
                .to(USERS.callEndpoint());
        from("direct:get-user").routeId("get-user")
                .process(ServiceRequest.get("/users/{id}").of("User"))
                .to(USERS.callEndpoint());
        from("direct:top-up-credits").routeId("top-up-credits")
                .process(ServiceRequest.post("/users/{id}/credits").of("User"))
                .to(USERS.callEndpoint());
        from("direct:get-credit-account").routeId("get-credit-account")
                .process(ServiceRequest.get("/users/{id}/credit-account").of("User"))
                .to(USERS.callEndpoint());
    }
}
