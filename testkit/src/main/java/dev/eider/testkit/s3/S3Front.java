package dev.eider.testkit.s3;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server clients talk to: on every address of the machine (pods on a node reach it through
 * the pod network's gateway address) and a free port. Each request is read whole, put to the
 * {@link AccessGate}, and either refused with S3's XML error or forwarded to S3Mock.
 *
 * <p>The JDK server answers {@code Expect: 100-continue} itself and undoes chunked request framing
 * before the handler reads the body.
 */
final class S3Front implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(S3Front.class);
  private static final SecureRandom REQUEST_IDS = new SecureRandom();

  private final HttpServer server;
  private final ExecutorService executor;
  private final AccessGate gate;
  private final RequestForwarder forwarder;

  private S3Front(HttpServer server, ExecutorService executor, AccessGate gate, RequestForwarder forwarder) {
    this.server = server;
    this.executor = executor;
    this.gate = gate;
    this.forwarder = forwarder;
  }

  static S3Front start(AccessGate gate, RequestForwarder forwarder) {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(0), 128);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen for the LocalS3 front", e);
    }
    // A thread per request in flight: a worker downloads several objects at once, and a slow
    // upload must not hold up the others.
    AtomicInteger threads = new AtomicInteger();
    ExecutorService executor = Executors.newCachedThreadPool(task -> {
      Thread thread = new Thread(task, "local-s3-front-" + threads.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
    S3Front front = new S3Front(server, executor, gate, forwarder);
    server.createContext("/", front::handle);
    server.setExecutor(executor);
    server.start();
    return front;
  }

  int port() {
    return server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) {
    try {
      IncomingRequest request = read(exchange);
      try {
        gate.admit(request);
      } catch (S3Failure refusal) {
        sendError(exchange, refusal);
        return;
      }
      forwarder.forward(request, exchange);
    } catch (IOException | RuntimeException e) {
      // S3's answer to its own failures; clients retry it. When the answer had begun, sending
      // fails too and the client sees the connection close early.
      LOG.warn("LocalS3 front failed on {} {}: {}", exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), e.toString());
      try {
        sendError(exchange, new S3Failure(500, "InternalError", "We encountered an internal error. Please try again."));
      } catch (IOException | RuntimeException ignored) {
        // Headers already sent: closing the exchange is all that is left.
      }
    } finally {
      exchange.close();
    }
  }

  private static IncomingRequest read(HttpExchange exchange) throws IOException {
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readAllBytes();
    }
    return new IncomingRequest(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
        exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders(), body);
  }

  private static void sendError(HttpExchange exchange, S3Failure failure) throws IOException {
    byte[] id = new byte[8];
    REQUEST_IDS.nextBytes(id);
    String requestId = HexFormat.of().withUpperCase().formatHex(id);
    exchange.getResponseHeaders().set("Content-Type", "application/xml");
    exchange.getResponseHeaders().set("x-amz-request-id", requestId);
    if (exchange.getRequestMethod().equals("HEAD")) {
      // S3 answers a refused HEAD with the status alone: a HEAD response has no body.
      exchange.sendResponseHeaders(failure.status(), -1);
      return;
    }
    byte[] body = S3ErrorBody.render(failure, exchange.getRequestURI().getRawPath(), requestId);
    exchange.sendResponseHeaders(failure.status(), body.length);
    exchange.getResponseBody().write(body);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
