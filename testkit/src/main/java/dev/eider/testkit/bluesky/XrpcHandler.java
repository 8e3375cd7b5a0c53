package dev.eider.testkit.bluesky;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves every /xrpc/ request in the order a PDS would: delay faults, the global rate limit,
 * response faults, routing (501 for unknown methods), authentication, the method itself, then
 * malformation faults; every response carries RateLimit-* headers, and every request is logged
 * in {@link BlueskyStats}.
 */
final class XrpcHandler implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(XrpcHandler.class);

    /** Who may call a method: anyone (unless auth is required), anyone with a login body, or token holders. */
    private enum Access { READ, LOGIN, ACCESS_TOKEN }

    @FunctionalInterface
    private interface Method {
        XrpcResponse call(XrpcRequest request, BlueskySessions.Account viewer);
    }

    private record Route(String verb, Access access, Method method) {
    }

    private record Outcome(XrpcResponse response, boolean authenticated) {
    }

    private final Map<String, Route> routes;
    private final BlueskySessions sessions;
    private final BlueskyRateLimits limits;
    private final FaultRules faults;
    private final BlueskyStats stats;
    private final Clock clock;
    private final AtomicLong sequence = new AtomicLong();

    XrpcHandler(BlueskyDataset dataset, BlueskySessions sessions, BlueskyRateLimits limits, FaultRules faults,
                BlueskyStats stats, Clock clock, SessionMethods sessionMethods) {
        this.sessions = sessions;
        this.limits = limits;
        this.faults = faults;
        this.stats = stats;
        this.clock = clock;
        FeedMethods feed = new FeedMethods(dataset);
        GraphMethods graph = new GraphMethods(dataset);
        ActorMethods actors = new ActorMethods(dataset);
        this.routes = Map.of(
                FeedMethods.GET_AUTHOR_FEED, new Route("GET", Access.READ, (r, v) -> feed.getAuthorFeed(r)),
                GraphMethods.GET_LIST, new Route("GET", Access.READ, (r, v) -> graph.getList(r)),
                GraphMethods.GET_STARTER_PACK, new Route("GET", Access.READ, (r, v) -> graph.getStarterPack(r)),
                ActorMethods.GET_PROFILE, new Route("GET", Access.READ, (r, v) -> actors.getProfile(r)),
                ActorMethods.RESOLVE_HANDLE, new Route("GET", Access.READ, (r, v) -> actors.resolveHandle(r)),
                SessionMethods.CREATE_SESSION, new Route("POST", Access.LOGIN, (r, v) -> sessionMethods.createSession(r)),
                SessionMethods.REFRESH_SESSION, new Route("POST", Access.LOGIN, (r, v) -> sessionMethods.refreshSession(r)),
                SessionMethods.GET_SESSION, new Route("GET", Access.ACCESS_TOKEN, (r, v) -> sessionMethods.getSession(v)));
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        XrpcRequest request = read(exchange);
        Outcome outcome;
        try {
            sleep(faults.delayFor(request.nsid()));
            outcome = respond(request);
        } catch (RuntimeException e) {
            LOG.warn("fake Bluesky failed on {}", request.nsid(), e);
            outcome = new Outcome(XrpcError.internal().toResponse(), false);
        }
        // Recorded before the response leaves: a client that reads the log right after its call
        // returns must find the call in it.
        stats.record(new RecordedRequest(request.sequence(), request.nsid(), request.httpMethod(),
                firstValues(request.params()), request.arrivedAt(), request.arrivedNanos(),
                outcome.response().status(), outcome.authenticated()));
        write(exchange, outcome.response());
    }

    private Outcome respond(XrpcRequest request) {
        RateLimitDecision global = limits.globalWindow().consume(request.clientIp());
        if (!global.allowed()) {
            return new Outcome(global.refusal().toResponse(), false);
        }
        FaultRules.Rule fault = faults.take(request.nsid()).orElse(null);
        if (fault != null && fault.kind == FaultRules.Kind.RATE_LIMIT) {
            RateLimitDecision forced = limits.globalWindow().forcedRefusal(fault.duration);
            return new Outcome(forced.refusal().toResponse(), false);
        }
        if (fault != null && fault.kind == FaultRules.Kind.SERVER_ERROR) {
            return new Outcome(serverError(fault.status).withDefaultHeaders(global.headers()), false);
        }
        BlueskySessions.Account viewer = null;
        XrpcResponse response;
        try {
            Route route = route(request);
            viewer = authenticate(request, route.access());
            response = route.method().call(request, viewer);
        } catch (XrpcError e) {
            response = e.toResponse();
        }
        if (fault != null && fault.kind == FaultRules.Kind.MALFORMED) {
            response = malformed(response, fault.malformation);
        }
        return new Outcome(response.withDefaultHeaders(global.headers()), viewer != null);
    }

    private Route route(XrpcRequest request) {
        Route route = routes.get(request.nsid());
        if (route == null) {
            throw new XrpcError(501, "MethodNotImplemented", "Method Not Implemented");
        }
        if (!route.verb().equals(request.httpMethod())) {
            throw XrpcError.invalidRequest("Incorrect HTTP method (" + request.httpMethod() + ") expected " + route.verb());
        }
        return route;
    }

    /** A presented token is always checked (a bad one fails even on public reads), as on the PDS. */
    private BlueskySessions.Account authenticate(XrpcRequest request, Access access) {
        if (access == Access.LOGIN) {
            return null;
        }
        String token = request.bearerToken().orElse(null);
        if (token != null) {
            return sessions.authenticate(token);
        }
        if (access == Access.ACCESS_TOKEN || sessions.authRequired()) {
            throw XrpcError.authenticationRequired("Authentication Required");
        }
        return null;
    }

    /** The XRPC error names of the xrpc-server's ResponseType for each 5xx status. */
    private static XrpcResponse serverError(int status) {
        return switch (status) {
            case 502 -> XrpcResponse.error(status, "UpstreamFailure", "Upstream Failure");
            case 503 -> XrpcResponse.error(status, "NotEnoughResources", "Not Enough Resources");
            case 504 -> XrpcResponse.error(status, "UpstreamTimeout", "Upstream Timeout");
            default -> XrpcResponse.error(status, "InternalServerError", "Internal Server Error");
        };
    }

    private static XrpcResponse malformed(XrpcResponse response, BlueskyFaults.Malformation how) {
        byte[] body = response.body();
        if (how == BlueskyFaults.Malformation.TRUNCATED_JSON) {
            return response.withBody(200, Arrays.copyOf(body, Math.max(1, body.length / 2)));
        }
        try {
            JsonNode parsed = XrpcResponse.MAPPER.readTree(body);
            ObjectNode kept = XrpcResponse.MAPPER.createObjectNode();
            if (parsed.has("cursor")) {
                kept.set("cursor", parsed.get("cursor"));
            }
            return XrpcResponse.json(200, kept).withHeaders(response.headers());
        } catch (IOException e) {
            throw new IllegalStateException("our own responses are JSON", e);
        }
    }

    private XrpcRequest read(HttpExchange exchange) throws IOException {
        long nanos = System.nanoTime();
        String path = exchange.getRequestURI().getPath();
        String nsid = path.startsWith("/xrpc/") ? path.substring("/xrpc/".length()) : path;
        Map<String, List<String>> params = new LinkedHashMap<>();
        String query = exchange.getRequestURI().getRawQuery();
        if (query != null && !query.isEmpty()) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                params.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
            }
        }
        byte[] body = exchange.getRequestBody().readAllBytes();
        return new XrpcRequest(sequence.incrementAndGet(), clock.instant(), nanos, exchange.getRequestMethod(), nsid,
                params, exchange.getRequestHeaders().getFirst("Authorization"), body,
                exchange.getRemoteAddress().getAddress().getHostAddress());
    }

    private static void write(HttpExchange exchange, XrpcResponse response) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        byte[] body = response.body();
        exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static Map<String, String> firstValues(Map<String, List<String>> params) {
        Map<String, String> first = new LinkedHashMap<>();
        params.forEach((name, values) -> first.put(name, values.get(0)));
        return first;
    }

    private static void sleep(Duration delay) {
        if (delay.isZero()) {
            return;
        }
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
