package dev.eider.testkit.bluesky;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * The active fault switches, in the order they were set, shared by every {@link BlueskyFaults}
 * scope. A request takes at most one response fault (the oldest that applies) and every delay
 * that applies; "next n" rules count down and disappear.
 */
final class FaultRules {

    enum Kind { RATE_LIMIT, SERVER_ERROR, MALFORMED, DELAY }

    /** One switch; {@code scope} null means every method, {@code remaining} -1 means until cleared. */
    static final class Rule {
        final Kind kind;
        final String scope;
        final int status;
        final Duration duration;
        final BlueskyFaults.Malformation malformation;
        int remaining;

        Rule(Kind kind, String scope, int remaining, int status, Duration duration,
             BlueskyFaults.Malformation malformation) {
            this.kind = kind;
            this.scope = scope;
            this.remaining = remaining;
            this.status = status;
            this.duration = duration;
            this.malformation = malformation;
        }

        boolean appliesTo(String nsid) {
            return scope == null || scope.equals(nsid);
        }
    }

    private final List<Rule> rules = new ArrayList<>();

    synchronized void add(Rule rule) {
        rules.add(rule);
    }

    /** Removes the rules of one scope, or all of them when {@code scope} is null. */
    synchronized void clear(String scope) {
        rules.removeIf(rule -> scope == null || scope.equals(rule.scope));
    }

    synchronized Duration delayFor(String nsid) {
        Duration total = Duration.ZERO;
        for (Rule rule : rules) {
            if (rule.kind == Kind.DELAY && rule.appliesTo(nsid)) {
                total = total.plus(rule.duration);
            }
        }
        return total;
    }

    /** The response fault this request gets, counting it down; empty when the request is served normally. */
    synchronized Optional<Rule> take(String nsid) {
        for (Iterator<Rule> it = rules.iterator(); it.hasNext(); ) {
            Rule rule = it.next();
            if (rule.kind == Kind.DELAY || !rule.appliesTo(nsid)) {
                continue;
            }
            if (rule.remaining > 0 && --rule.remaining == 0) {
                it.remove();
            }
            return Optional.of(rule);
        }
        return Optional.empty();
    }
}
