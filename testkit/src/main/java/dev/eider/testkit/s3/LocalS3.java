package dev.eider.testkit.s3;

import com.adobe.testing.s3mock.S3MockApplication;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An S3-compatible server inside this JVM (Adobe S3Mock), standing in for Cloudflare R2. Like R2
 * and S3 it honours conditional writes ({@code If-Match} / {@code If-None-Match} on PutObject,
 * answering 412), which the warehouse relies on to detect concurrent writers. It accepts any
 * credentials.
 */
public final class LocalS3 implements AutoCloseable {

  public static final String ACCESS_KEY = "eider-test";
  public static final String SECRET_KEY = "eider-test-secret";
  public static final String REGION = "us-east-1";

  private final S3MockApplication server;

  private LocalS3(S3MockApplication server) {
    this.server = server;
  }

  /** Starts on a free port with {@code buckets} created, keeping objects under {@code root}. */
  public static LocalS3 start(Path root, List<String> buckets) {
    Map<String, Object> properties = new HashMap<>();
    properties.put(S3MockApplication.PROP_HTTP_PORT, 0);
    properties.put(S3MockApplication.PROP_HTTPS_PORT, 0);
    properties.put(S3MockApplication.PROP_SILENT, true);
    properties.put("com.adobe.testing.s3mock.store.root", root.toString());
    properties.put("com.adobe.testing.s3mock.store.initialBuckets", String.join(",", buckets));
    properties.put("com.adobe.testing.s3mock.store.retainFilesOnExit", false);
    // Spring Boot's banner and startup log add nothing to a test's output.
    properties.put("spring.main.banner-mode", "off");
    properties.put("logging.level.root", "WARN");
    return new LocalS3(S3MockApplication.start(properties));
  }

  /** The endpoint to give clients as {@code AWS_ENDPOINT_URL} (path-style addressing). */
  public URI endpoint() {
    return endpoint("127.0.0.1");
  }

  /**
   * The endpoint at another of this machine's addresses (the server listens on all of them), e.g.
   * its address on a cluster's pod network, for pods.
   */
  public URI endpoint(String host) {
    return URI.create("http://" + host + ":" + server.getHttpPort());
  }

  /** The environment a worker needs to reach this server. */
  public Map<String, String> clientEnvironment() {
    return Map.of(
        "AWS_ENDPOINT_URL", endpoint().toString(),
        "AWS_ACCESS_KEY_ID", ACCESS_KEY,
        "AWS_SECRET_ACCESS_KEY", SECRET_KEY,
        "AWS_REGION", REGION);
  }

  @Override
  public void close() {
    server.stop();
  }
}
