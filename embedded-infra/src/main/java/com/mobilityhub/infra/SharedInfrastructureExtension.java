package com.mobilityhub.infra;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/** JUnit side of {@link WithSharedInfrastructure}. */
public class SharedInfrastructureExtension implements BeforeAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        String database = AnnotationSupport.findAnnotation(context.getRequiredTestClass(), WithSharedInfrastructure.class)
                .map(WithSharedInfrastructure::database)
                .orElse("");
        SharedInfrastructure.get().exposeAsSpringProperties(database);
    }
}
