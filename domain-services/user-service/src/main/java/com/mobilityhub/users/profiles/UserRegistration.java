package com.mobilityhub.users.profiles;

import com.mobilityhub.contracts.EventEnvelope;
import com.mobilityhub.contracts.EventJson;
import com.mobilityhub.contracts.EventTypes;
import com.mobilityhub.contracts.Topics;
import com.mobilityhub.contracts.api.users.RegisterUser;
import com.mobilityhub.contracts.api.users.UserView;
import com.mobilityhub.kit.api.ProblemException;
import com.mobilityhub.kit.outbox.Outbox;
import com.mobilityhub.users.credits.CreditAccount;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import org.hibernate.exception.ConstraintViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Registers a user with an opened credit account and records UserRegistered, in one transaction. */
@Service
public class UserRegistration {

    /** The unique index on lower(email) (V1 migration). */
    private static final String UNIQUE_EMAIL_INDEX = "uq_users_email";

    private final UserRepository users;
    private final EntityManager entityManager;
    private final Outbox outbox;

    public UserRegistration(UserRepository users, EntityManager entityManager, Outbox outbox) {
        this.users = users;
        this.entityManager = entityManager;
        this.outbox = outbox;
    }

    @Transactional
    public UserView register(RegisterUser command) {
        if (users.existsByEmail(command.email())) {
            throw emailTaken();
        }
        // PostgreSQL keeps microseconds: truncate so the answer equals what a later read returns.
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        User user = User.register(command.name(), command.email(), now);
        CreditAccount account = CreditAccount.open(user.getId(), command.initialCredits(), now);
        // persist, not save(): the ids are assigned, and save() would first look for an existing row.
        entityManager.persist(user);
        entityManager.persist(account);
        try {
            // A registration of the same email that raced past the check above fails here, on the index.
            entityManager.flush();
        } catch (PersistenceException e) {
            if (violates(e, UNIQUE_EMAIL_INDEX)) {
                throw emailTaken();
            }
            throw e;
        }
        UserRegistered data = new UserRegistered(user.getId(), user.getName(), user.getEmail(),
                account.getBalance(), now);
        outbox.record(Topics.USERS, EventEnvelope.of(EventTypes.USER_REGISTERED, user.getId().toString(),
                account.getVersion(), EventJson.mapper().valueToTree(data)));
        return UserViews.of(user, account);
    }

    private static boolean violates(Throwable failure, String constraint) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConstraintViolationException violation && constraint.equals(violation.getConstraintName())) {
                return true;
            }
        }
        return false;
    }

    private static ProblemException emailTaken() {
        return ProblemException.conflict("Email already registered", "A user with this email is already registered");
    }
}
