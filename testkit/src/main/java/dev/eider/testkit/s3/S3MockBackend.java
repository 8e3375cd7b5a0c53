package dev.eider.testkit.s3;

import com.adobe.testing.s3mock.S3MockApplication;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Adobe S3Mock (an embedded Spring Boot application) behind the front, on loopback only and a
 * free port. It does no authentication of its own: the front is what makes it strict.
 */
final class S3MockBackend implements AutoCloseable {

  private final S3MockApplication application;

  private S3MockBackend(S3MockApplication application) {
    this.application = application;
  }

  static S3MockBackend start(Path root, List<String> buckets) {
    Map<String, Object> properties = new HashMap<>();
    properties.put(S3MockApplication.PROP_HTTP_PORT, 0);
    properties.put(S3MockApplication.PROP_HTTPS_PORT, 0);
    properties.put(S3MockApplication.PROP_SILENT, true);
    properties.put("server.address", LoopbackConnectors.ADDRESS);
    properties.put("spring.main.sources", LoopbackConnectors.class.getName());
    properties.put("com.adobe.testing.s3mock.store.root", root.toString());
    properties.put("com.adobe.testing.s3mock.store.initialBuckets", String.join(",", buckets));
    properties.put("com.adobe.testing.s3mock.store.retainFilesOnExit", false);
    // Spring Boot's banner and startup log add nothing to a test's output.
    properties.put("spring.main.banner-mode", "off");
    properties.put("logging.level.root", "WARN");
    return new S3MockBackend(S3MockApplication.start(properties));
  }

  /** The plain-HTTP port, on {@value LoopbackConnectors#ADDRESS}. */
  int port() {
    return application.getHttpPort();
  }

  @Override
  public void close() {
    application.stop();
  }
}
