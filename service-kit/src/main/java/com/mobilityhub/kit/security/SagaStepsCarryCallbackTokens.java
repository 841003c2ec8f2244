package com.mobilityhub.kit.security;

import org.apache.camel.CamelContext;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.SagaDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

import java.util.ArrayList;
import java.util.List;

/**
 * Once a service secret is set, logs an ERROR at start naming every route whose saga step joins without
 * {@link SagaCallbackToken#OPTION}: {@link SagaCallbackFilter} answers that step's every callback 403, so its
 * LRAs are never compensated or completed by it. The log names the route instead of leaving stuck sagas to be
 * found later. (It does not stop the app: the rest of it works.) The fix is one line in the step: see
 * {@link SagaCallbackToken}.
 */
public class SagaStepsCarryCallbackTokens implements ApplicationListener<ApplicationReadyEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(SagaStepsCarryCallbackTokens.class);

    private final CamelContext camel;
    private final SagaCallbackToken tokens;

    public SagaStepsCarryCallbackTokens(CamelContext camel, SagaCallbackToken tokens) {
        this.camel = camel;
        this.tokens = tokens;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        List<String> missing = tokens.enabled() ? stepsWithoutToken() : List.of();
        if (!missing.isEmpty()) {
            LOG.error("Saga steps without a callback token in route(s) {}: the coordinator's callbacks to them are"
                    + " refused (403). Add to each saga(): .option(SagaCallbackToken.OPTION,"
                    + " SagaCallbackToken.forBooking(<its bookingId expression>))", missing);
        }
    }

    /** Ids of routes with a saga step that does not set the token option. */
    public List<String> stepsWithoutToken() {
        List<String> missing = new ArrayList<>();
        for (RouteDefinition route : ((ModelCamelContext) camel).getRouteDefinitions()) {
            if (lacksToken(route.getOutputs())) {
                missing.add(route.getRouteId() != null ? route.getRouteId() : route.getId());
            }
        }
        return missing;
    }

    private static boolean lacksToken(List<ProcessorDefinition<?>> outputs) {
        for (ProcessorDefinition<?> output : outputs) {
            if (output instanceof SagaDefinition saga
                    && saga.getOptions().stream().noneMatch(option -> SagaCallbackToken.OPTION.equals(option.getKey()))) {
                return true;
            }
            if (lacksToken(output.getOutputs())) {
                return true;
            }
        }
        return false;
    }
}
