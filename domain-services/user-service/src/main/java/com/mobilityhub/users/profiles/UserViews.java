package com.mobilityhub.users.profiles;

import com.mobilityhub.contracts.api.users.UserView;
import com.mobilityhub.users.credits.CreditAccount;

final class UserViews {

    static UserView of(User user, CreditAccount account) {
        return new UserView(user.getId(), user.getName(), user.getEmail(),
                new UserView.Credits(account.getBalance(), account.getHeld()), user.getCreatedAt());
    }

    private UserViews() {
    }
}
