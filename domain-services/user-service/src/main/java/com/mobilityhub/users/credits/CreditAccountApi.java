package com.mobilityhub.users.credits;

import com.mobilityhub.contracts.api.users.CreditAccountView;
import com.mobilityhub.kit.api.ApiRouteBuilder;
import com.mobilityhub.kit.api.ProblemException;
import com.mobilityhub.users.UserIds;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.UUID;

/** {@code GET /users/{id}/credit-account}: balance, held and every hold. */
@Component
public class CreditAccountApi extends ApiRouteBuilder {

    private final CreditAccountRepository accounts;
    private final CreditHoldRepository holds;
    private final TransactionTemplate snapshot;

    public CreditAccountApi(CreditAccountRepository accounts, CreditHoldRepository holds,
                            PlatformTransactionManager transactionManager) {
        this.accounts = accounts;
        this.holds = holds;
        // The totals and the holds are read from one snapshot, so they always agree.
        this.snapshot = new TransactionTemplate(transactionManager);
        this.snapshot.setReadOnly(true);
        this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    }

    @Override
    protected void configureApi() {
        rest("/users")
                .get("/{id}/credit-account").produces("application/json").to("direct:get-credit-account");

        from("direct:get-credit-account").routeId("get-credit-account").process(this::creditAccount);
    }

    private void creditAccount(Exchange exchange) throws Exception {
        UUID userId = UserIds.parse(exchange.getMessage().getHeader("id", String.class));
        CreditAccountView view = snapshot.execute(status -> {
            CreditAccount account = accounts.findById(userId)
                    .orElseThrow(() -> ProblemException.notFound("User", userId.toString()));
            return new CreditAccountView(userId, account.getBalance(), account.getHeld(),
                    holds.findByUserIdAndStatusNotOrderByCreatedAtAscIdAsc(userId, CreditHoldStatus.REJECTED).stream().map(CreditHold::toView).toList());
        });
        respond(exchange, 200, view);
    }
}
