package dev.eider.operator.asset.history;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.RequestConfigBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;

/**
 * Reads the end of a run's worker log through the API server ({@code pods/log}), bounded twice: the
 * kubelet is asked for the last {@value #TAIL_LINES} lines and at most {@value #LIMIT_BYTES} bytes,
 * and no more than that is read from the answer whatever the server sends, so a worker that logged
 * gigabytes costs the operator {@value #LIMIT_BYTES} bytes. When those lines are longer than the
 * limit (the kubelet keeps the first bytes of the tail), it asks again for fewer lines, so the tail
 * ends where the log ends. Never throws: a log that cannot be read comes back with the reason.
 */
public final class RunLogReader {

  /** The worker's container in a run's pod. */
  static final String CONTAINER = "worker";
  static final int TAIL_LINES = 200;
  static final int SHORT_TAIL_LINES = 20;
  /** Four times what a record keeps ({@link RunHistory#MAX_LOG_CHARS}): room for multi-byte text. */
  static final int LIMIT_BYTES = 4 * RunHistory.MAX_LOG_CHARS;

  /**
   * The log's tail, or why there is none ({@code text} null, {@code problem} one line);
   * {@code nodeFault} when the API server could not get it from the pod's node (a 5xx): the other
   * pods of that node are not worth asking at once.
   */
  public record Tail(String text, String problem, boolean nodeFault) {

    static Tail of(String text) {
      return new Tail(text, null, false);
    }

    static Tail unreadable(String problem) {
      return new Tail(null, problem, false);
    }
  }

  private final KubernetesClient client;

  /**
   * @param client the operator's client; log reads go through it without its retries: a node that
   *     cannot be reached would otherwise hold the reconcile for every retry's kubelet timeout
   */
  public RunLogReader(KubernetesClient client) {
    this.client = client.newClient(new RequestConfigBuilder(client.getConfiguration().getRequestConfig())
        .withRequestRetryBackoffLimit(0).build()).adapt(KubernetesClient.class);
  }

  public Tail read(String namespace, String pod) {
    try {
      byte[] tail = fetch(namespace, pod, TAIL_LINES);
      if (tail.length >= LIMIT_BYTES) {
        // The last lines were cut at the limit: fewer of them end nearer the log's real end.
        tail = fetch(namespace, pod, SHORT_TAIL_LINES);
      }
      String text = new String(tail, StandardCharsets.UTF_8);
      return Tail.of(tail.length >= LIMIT_BYTES ? text + "\n" + cutMarker() : text);
    } catch (KubernetesClientException e) {
      return new Tail(null, describe(e, namespace, pod), e.getCode() >= HttpURLConnection.HTTP_INTERNAL_ERROR);
    } catch (IOException | RuntimeException e) {
      return Tail.unreadable("log not read: " + oneLine(String.valueOf(e.getMessage())));
    }
  }

  static String cutMarker() {
    return "[the log's last " + SHORT_TAIL_LINES + " lines are longer than " + LIMIT_BYTES + " bytes: cut here]";
  }

  private byte[] fetch(String namespace, String pod, int lines) throws IOException {
    try (InputStream in = client.pods().inNamespace(namespace).withName(pod).inContainer(CONTAINER)
        .withReadyWaitTimeout(0).limitBytes(LIMIT_BYTES).tailingLines(lines).getLogInputStream()) {
      return in.readNBytes(LIMIT_BYTES);
    }
  }

  static String describe(KubernetesClientException e, String namespace, String pod) {
    return switch (e.getCode()) {
      case HttpURLConnection.HTTP_FORBIDDEN -> "log not read: the operator may not get pods/log in namespace " + namespace
          + " (403 Forbidden)";
      case HttpURLConnection.HTTP_NOT_FOUND -> "log not read: pod " + pod + " is gone";
      case 0 -> "log not read: " + oneLine(String.valueOf(e.getMessage()));
      default -> "log not read: " + e.getCode() + " " + oneLine(e.getStatus() != null && e.getStatus().getMessage() != null
          ? e.getStatus().getMessage() : String.valueOf(e.getMessage()));
    };
  }

  private static String oneLine(String text) {
    String line = text.replaceAll("\\s+", " ").strip();
    return line.length() > 300 ? line.substring(0, 297) + "..." : line;
  }
}
