package dev.eider.testkit.kube;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The test kubelet's own HTTPS endpoint, where the API server reaches a node for
 * {@code pods/log}: {@code GET /containerLogs/<namespace>/<pod>/<container>} with the kubelet's
 * {@code tailLines} and {@code limitBytes}. It listens on loopback only, with a certificate made at
 * start (the API server does not verify a kubelet's certificate unless told a CA for it).
 */
final class KubeletServer implements AutoCloseable {

  /** Finds a container's log: namespace, pod, container. */
  interface Logs {
    Optional<ContainerLog> of(String namespace, String pod, String container);
  }

  private final HttpsServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(2, runnable -> {
    Thread thread = new Thread(runnable, "test-kubelet-server");
    thread.setDaemon(true);
    return thread;
  });
  private final Logs logs;

  private KubeletServer(Logs logs) throws IOException, GeneralSecurityException {
    this.logs = logs;
    server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(selfSigned()));
    server.createContext("/containerLogs/", this::containerLogs);
    server.setExecutor(executor);
    server.start();
  }

  static KubeletServer start(Logs logs) {
    try {
      return new KubeletServer(logs);
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot start the test kubelet's server: " + e.getMessage(), e);
    }
  }

  int port() {
    return server.getAddress().getPort();
  }

  private void containerLogs(HttpExchange exchange) throws IOException {
    try (exchange) {
      String[] path = exchange.getRequestURI().getPath().substring("/containerLogs/".length()).split("/");
      if (!"GET".equals(exchange.getRequestMethod()) || path.length != 3) {
        answer(exchange, 400, "expected GET /containerLogs/<namespace>/<pod>/<container>");
        return;
      }
      Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
      long tailLines;
      long limitBytes;
      try {
        tailLines = Long.parseLong(query.getOrDefault("tailLines", "-1"));
        limitBytes = Long.parseLong(query.getOrDefault("limitBytes", "-1"));
      } catch (NumberFormatException e) {
        answer(exchange, 400, "tailLines and limitBytes must be numbers");
        return;
      }
      Optional<ContainerLog> log = logs.of(path[0], path[1], path[2]);
      if (log.isEmpty()) {
        answer(exchange, 404, "container \"" + path[2] + "\" in pod \"" + path[1] + "\" has no log on this node");
        return;
      }
      byte[] body = log.get().read(tailLines, limitBytes);
      exchange.getResponseHeaders().add("Content-Type", "text/plain");
      exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
      exchange.getResponseBody().write(body);
    }
  }

  private static void answer(HttpExchange exchange, int status, String message) throws IOException {
    byte[] body = message.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "text/plain");
    exchange.sendResponseHeaders(status, body.length);
    exchange.getResponseBody().write(body);
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> params = new HashMap<>();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          params.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
      }
    }
    return params;
  }

  private static SSLContext selfSigned() throws GeneralSecurityException, IOException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair pair = generator.generateKeyPair();
    X500Name name = new X500Name("CN=" + TestKubelet.NODE_NAME);
    Instant now = Instant.now();
    JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
        Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(365))), name, pair.getPublic());
    builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName(GeneralName.iPAddress, "127.0.0.1")));
    X509Certificate certificate;
    try {
      certificate = new JcaX509CertificateConverter().getCertificate(
          builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));
    } catch (OperatorCreationException e) {
      throw new GeneralSecurityException(e);
    }
    char[] password = "test-kubelet".toCharArray();
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry("kubelet", pair.getPrivate(), password, new Certificate[] {certificate});
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(store, password);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys.getKeyManagers(), null, null);
    return context;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
