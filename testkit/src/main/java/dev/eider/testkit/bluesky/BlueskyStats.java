package dev.eider.testkit.bluesky;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What clients did: request counts per XRPC method and an ordered log of every served request,
 * so tests can assert on paging, retries and the spacing of backoff. Thread-safe.
 */
public final class BlueskyStats {

    private final List<RecordedRequest> log = new ArrayList<>();
    private long refusedUpgrades;

    synchronized void record(RecordedRequest request) {
        log.add(request);
    }

    /** Requests to one XRPC method, e.g. "app.bsky.feed.getAuthorFeed", whatever their outcome. */
    public synchronized long count(String method) {
        return log.stream().filter(r -> r.method().equals(method)).count();
    }

    /** Requests to one method answered with {@code status}. */
    public synchronized long count(String method, int status) {
        return log.stream().filter(r -> r.method().equals(method) && r.status() == status).count();
    }

    /** Request count per method, sorted by method name. */
    public synchronized Map<String, Long> counts() {
        Map<String, Long> counts = new TreeMap<>();
        log.forEach(r -> counts.merge(r.method(), 1L, Long::sum));
        return counts;
    }

    public synchronized long total() {
        return log.size();
    }

    public long createSessionCount() {
        return count("com.atproto.server.createSession");
    }

    public long refreshSessionCount() {
        return count("com.atproto.server.refreshSession");
    }

    /** Every served request in order of arrival (a request still being served is not listed yet). */
    public synchronized List<RecordedRequest> requests() {
        List<RecordedRequest> ordered = new ArrayList<>(log);
        ordered.sort(Comparator.comparingLong(RecordedRequest::sequence));
        return List.copyOf(ordered);
    }

    public List<RecordedRequest> requests(String method) {
        return requests().stream().filter(r -> r.method().equals(method)).toList();
    }

    synchronized void refuseUpgrade() {
        refusedUpgrades++;
    }

    /** Connections dropped because the request asked for an h2c upgrade (see {@link FakeBluesky}). */
    public synchronized long refusedUpgrades() {
        return refusedUpgrades;
    }

    public synchronized void reset() {
        log.clear();
        refusedUpgrades = 0;
    }
}
