package io.waymark.identity.internal;

import io.waymark.identity.CurrentUser;
import io.waymark.identity.Role;
import io.waymark.identity.TeamId;
import io.waymark.identity.UserId;
import io.waymark.problem.ConflictException;
import io.waymark.problem.FieldProblem;
import io.waymark.problem.ForbiddenException;
import io.waymark.problem.InvalidInputException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Console users: created and listed by admins. */
@Component
public class Users {

    private final UserStore store;
    private final Teams teams;
    private final PasswordEncoder passwords;
    private final TransactionalOperator transaction;

    Users(UserStore store, Teams teams, PasswordEncoder passwords, ReactiveTransactionManager transactions) {
        this.store = store;
        this.teams = teams;
        this.passwords = passwords;
        this.transaction = TransactionalOperator.create(transactions);
    }

    /** A new user (ADMIN only); unknown teams are an invalid input, a taken name a conflict. */
    public Mono<CurrentUser> create(
            CurrentUser admin, String username, String password, Role role, List<TeamId> teamIds) {
        if (!admin.isAdmin()) {
            return Mono.error(new ForbiddenException("Only an admin creates users"));
        }
        List<TeamId> requested = teamIds == null ? List.of() : teamIds;
        return Flux.range(0, requested.size())
                .concatMap(index -> teams.load(requested.get(index))
                        .hasElement()
                        .filter(exists -> !exists)
                        .map(missing -> new FieldProblem("teamIds[" + index + "]", "no team " + requested.get(index))))
                .collectList()
                .flatMap(problems -> problems.isEmpty()
                        ? Mono.just(password)
                        : Mono.error(new InvalidInputException(new ArrayList<>(problems))))
                .publishOn(Schedulers.boundedElastic())
                .map(passwords::encode)
                .flatMap(hash -> {
                    UserId id = UserId.random();
                    Set<TeamId> memberOf = new LinkedHashSet<>(requested);
                    Mono<CurrentUser> insert = store.insert(id, username, hash, role)
                            .flatMap(inserted -> inserted
                                    ? store.addTeams(id, memberOf)
                                            .thenReturn(new CurrentUser(id, username, role, memberOf))
                                    : Mono.error(new ConflictException("The user name " + username + " is taken")));
                    return transaction.transactional(insert);
                });
    }

    /** Every user (ADMIN only). */
    public Flux<CurrentUser> all(CurrentUser admin) {
        if (!admin.isAdmin()) {
            return Flux.error(new ForbiddenException("Only an admin lists users"));
        }
        return store.findAll();
    }
}
