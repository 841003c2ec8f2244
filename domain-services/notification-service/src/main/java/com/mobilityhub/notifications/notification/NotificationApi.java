package com.mobilityhub.notifications.notification;

import com.mobilityhub.contracts.api.Page;
import com.mobilityhub.kit.api.ApiRouteBuilder;
import com.mobilityhub.kit.api.ProblemException;
import org.apache.camel.Exchange;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Component;

import java.util.UUID;
import java.util.regex.Pattern;

/** {@code GET /notifications?userId=&page=&size=}: newest first, as {@code {items, page}}. */
@Component
public class NotificationApi extends ApiRouteBuilder {

    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final NotificationRepository notifications;

    public NotificationApi(NotificationRepository notifications) {
        this.notifications = notifications;
    }

    @Override
    protected void configureApi() {
        rest("/notifications")
                .get().produces("application/json").to("direct:list-notifications");

        from("direct:list-notifications").routeId("list-notifications").process(this::list);
    }

    private void list(Exchange exchange) throws Exception {
        String userId = exchange.getMessage().getHeader("userId", String.class);
        int number = intParameter(exchange, "page", 0, 0, Integer.MAX_VALUE);
        int size = intParameter(exchange, "size", Page.DEFAULT_SIZE, 1, Page.MAX_SIZE);
        PageRequest request = PageRequest.of(number, size, Sort.by(Sort.Order.desc("createdAt"), Sort.Order.asc("id")));

        org.springframework.data.domain.Page<Notification> found;
        if (userId == null || userId.isEmpty()) {
            found = notifications.findAll(request);
        } else if (UUID_TEXT.matcher(userId).matches()) {
            found = notifications.findByUserId(UUID.fromString(userId), request);
        } else {
            throw ProblemException.invalidField("userId", "must be a UUID");
        }
        respond(exchange, 200, new Page<>(found.getContent().stream().map(Notification::toView).toList(),
                Page.PageInfo.of(number, size, found.getTotalElements())));
    }

    private static int intParameter(Exchange exchange, String name, int fallback, int min, int max) {
        String raw = exchange.getMessage().getHeader(name, String.class);
        if (raw == null || raw.isEmpty()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw ProblemException.invalidField(name, "must be an integer from " + min + " to " + max);
    }
}
