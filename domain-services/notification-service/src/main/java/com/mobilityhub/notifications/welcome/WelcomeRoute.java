package com.mobilityhub.notifications.welcome;

import com.mobilityhub.contracts.EventEnvelope;
import com.mobilityhub.contracts.EventHeaders;
import com.mobilityhub.contracts.EventTypes;
import com.mobilityhub.contracts.Topics;
import com.mobilityhub.kit.events.EventConsumerRouteBuilder;
import org.springframework.stereotype.Component;

/** mobility.users.events.v1 → a WELCOME notification per UserRegistered; other user events are not ours. */
@Component
public class WelcomeRoute extends EventConsumerRouteBuilder {

    static final String ROUTE_ID = "welcome-new-users";

    private final WelcomeNotifications welcome;

    public WelcomeRoute(WelcomeNotifications welcome) {
        this.welcome = welcome;
    }

    @Override
    public void configure() {
        fromEvents(Topics.USERS, ROUTE_ID)
                .filter(header(EventHeaders.EVENT_TYPE).isEqualTo(EventTypes.USER_REGISTERED))
                .process(exchange -> welcome.onUserRegistered(exchange.getMessage().getBody(EventEnvelope.class)));
    }
}
