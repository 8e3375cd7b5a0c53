package dev.eider.testkit.bluesky;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.List;
import java.util.Locale;

/**
 * Answers an HTTP/2 cleartext upgrade ({@code Upgrade: h2c}) the way the real PDS and AppView
 * (Node.js) do: by closing the connection without a byte. The JDK's HttpServer would ignore the
 * header and answer over HTTP/1.1, hiding a client that only works against it. Such a request
 * never reaches XRPC, so it is not in the request log; {@link BlueskyStats#refusedUpgrades()}
 * counts it.
 */
final class H2cRefusal extends Filter {

    private final BlueskyStats stats;

    H2cRefusal(BlueskyStats stats) {
        this.stats = stats;
    }

    @Override
    public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
        if (asksForH2c(exchange.getRequestHeaders().get("Upgrade"))) {
            stats.refuseUpgrade();
            // No response headers were sent, so closing the exchange drops the connection as it is.
            exchange.close();
            return;
        }
        chain.doFilter(exchange);
    }

    private static boolean asksForH2c(List<String> upgrade) {
        return upgrade != null && upgrade.stream()
                .flatMap(value -> List.of(value.split(",")).stream())
                .anyMatch(protocol -> protocol.strip().toLowerCase(Locale.ROOT).equals("h2c"));
    }

    @Override
    public String description() {
        return "closes the connection on an h2c upgrade, as Node.js does";
    }
}
