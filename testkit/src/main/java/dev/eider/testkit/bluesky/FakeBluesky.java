package dev.eider.testkit.bluesky;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fake Bluesky (PDS + AppView) XRPC server on 127.0.0.1 and an ephemeral port, speaking the real
 * wire format, for tests of clients that read author feeds, lists and starter packs, log in, page
 * and retry. Built on the JDK's HttpServer with a small thread pool, so a delayed response does
 * not hold up the others. Like the real (Node.js) servers it speaks HTTP/1.1 only and drops the
 * connection of a request asking for an h2c upgrade, which the JDK HttpClient sends by default.
 *
 * <pre>{@code
 * try (FakeBluesky bluesky = FakeBluesky.builder().members(12).feedLength(500)
 *         .account("alice.test", "hunter2").start()) {
 *     String feedUrl = bluesky.url() + "/xrpc/app.bsky.feed.getAuthorFeed?actor=" + handle;
 *     bluesky.faults().forMethod("app.bsky.feed.getAuthorFeed").rateLimitNext(1, Duration.ofSeconds(1));
 * }
 * }</pre>
 */
public final class FakeBluesky implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FakeBluesky.class);

    private final HttpServer server;
    private final ExecutorService executor;
    private final BlueskyDataset dataset;
    private final BlueskySessions sessions;
    private final BlueskyRateLimits rateLimits;
    private final BlueskyFaults faults;
    private final BlueskyStats stats = new BlueskyStats();
    private final String url;

    private FakeBluesky(Builder builder) throws IOException {
        this.dataset = builder.dataset != null ? builder.dataset
                : BlueskyDataset.generate(builder.seed, builder.members, builder.feedLength, builder.anchor);
        this.sessions = new BlueskySessions(dataset, builder.clock);
        this.rateLimits = new BlueskyRateLimits(builder.clock);
        FaultRules rules = new FaultRules();
        this.faults = new BlueskyFaults(rules, null);
        builder.accounts.forEach(sessions::addAccount);
        sessions.requireAuth(builder.requireAuth).accessTokenLifetime(builder.accessTokenLifetime);
        if (builder.globalLimit != null) {
            rateLimits.global(builder.globalLimit, builder.globalWindow);
        }

        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(builder.host), 0), 0);
        this.url = "http://" + builder.host + ":" + server.getAddress().getPort();
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(builder.threads, task -> {
            Thread thread = new Thread(task, "fake-bluesky-" + threads.incrementAndGet());
            thread.setDaemon(true); // never keep a test JVM alive
            return thread;
        });
        SessionMethods sessionMethods = new SessionMethods(sessions, rateLimits, () -> url);
        server.createContext("/", new XrpcHandler(dataset, sessions, rateLimits, rules, stats, builder.clock,
                sessionMethods)).getFilters().add(new H2cRefusal(stats));
        server.setExecutor(executor);
        server.start();
        LOG.debug("fake Bluesky listening on {}", url);
    }

    /** Starts a server with the default dataset (seed 42, 12 members, 120 items per feed). */
    public static FakeBluesky start() {
        return builder().start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The base URL, e.g. "http://127.0.0.1:43127"; XRPC methods live under {@code url() + "/xrpc/"}. */
    public String url() {
        return url;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public BlueskyDataset dataset() {
        return dataset;
    }

    public BlueskyFaults faults() {
        return faults;
    }

    public BlueskyStats stats() {
        return stats;
    }

    /** Login accounts, token lifetimes and {@code requireAuth}. */
    public BlueskySessions sessions() {
        return sessions;
    }

    public BlueskyRateLimits rateLimits() {
        return rateLimits;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** Configures the dataset and the server; every setting has a realistic default. */
    public static final class Builder {
        private long seed = 42;
        private int members = BlueskyDataset.DEFAULT_MEMBERS;
        private int feedLength = BlueskyDataset.DEFAULT_FEED_LENGTH;
        private Instant anchor = BlueskyDataset.DEFAULT_ANCHOR;
        private BlueskyDataset dataset;
        private final Map<String, String> accounts = new LinkedHashMap<>();
        private boolean requireAuth;
        private Duration accessTokenLifetime = BlueskySessions.DEFAULT_ACCESS_LIFETIME;
        private Integer globalLimit;
        private Duration globalWindow;
        private int threads = 8;
        private Clock clock = Clock.systemUTC();
        private String host = "127.0.0.1";

        private Builder() {
        }

        /**
         * The address to listen on and to put in {@link #url()} (default 127.0.0.1), e.g. the host's
         * address on a cluster's pod network so that pods reach the server.
         */
        public Builder host(String value) {
            this.host = value;
            return this;
        }

        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        /** Accounts in the starter pack's list (at least 1: the first one created the pack). */
        public Builder members(int value) {
            this.members = value;
            return this;
        }

        /** Items in each member's author feed; any size, feeds are generated on demand. */
        public Builder feedLength(int value) {
            this.feedLength = value;
            return this;
        }

        /** The content's "now": every generated feed ends shortly before it. */
        public Builder anchor(Instant value) {
            this.anchor = value;
            return this;
        }

        /** Serves a dataset built beforehand instead of generating one (seed, members, feedLength, anchor are ignored). */
        public Builder dataset(BlueskyDataset value) {
            this.dataset = value;
            return this;
        }

        /** A login account; an unknown handle becomes a new actor with an empty feed. */
        public Builder account(String handle, String password) {
            accounts.put(handle, password);
            return this;
        }

        public Builder requireAuth(boolean value) {
            this.requireAuth = value;
            return this;
        }

        public Builder accessTokenLifetime(Duration value) {
            this.accessTokenLifetime = value;
            return this;
        }

        public Builder globalRateLimit(int limit, Duration window) {
            this.globalLimit = limit;
            this.globalWindow = window;
            return this;
        }

        /** Worker threads serving requests (default 8): enough for delayed responses not to block others. */
        public Builder threads(int value) {
            this.threads = value;
            return this;
        }

        /** The clock for token expiry, rate-limit windows and the request log (default: system UTC). */
        public Builder clock(Clock value) {
            this.clock = value;
            return this;
        }

        public FakeBluesky start() {
            try {
                return new FakeBluesky(this);
            } catch (IOException e) {
                throw new UncheckedIOException("could not bind the fake Bluesky to " + host, e);
            }
        }
    }
}
