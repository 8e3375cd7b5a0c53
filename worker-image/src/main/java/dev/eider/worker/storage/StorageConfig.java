package dev.eider.worker.storage;

import dev.eider.contract.env.WorkerEnv;
import dev.eider.worker.run.WorkerFailure;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;

/**
 * Where objects go, from the standard AWS variables plus Eider's own: {@code AWS_ENDPOINT_URL}
 * (R2: {@code https://<account>.r2.cloudflarestorage.com}; omitted: AWS S3),
 * {@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY}, {@code AWS_REGION} (default
 * {@code auto}, what R2 expects), {@code EIDER_BUCKET} and {@code EIDER_PREFIX}.
 */
public record StorageConfig(URI endpoint, String accessKeyId, String secretAccessKey, String region,
    String bucket, String prefix) {

  public static StorageConfig fromEnvironment(Map<String, String> env) {
    String bucket = required(env, WorkerEnv.BUCKET, "the bucket raw data and warehouse files go to");
    String accessKey = required(env, "AWS_ACCESS_KEY_ID", "the object storage access key (from a Secret)");
    String secretKey = required(env, "AWS_SECRET_ACCESS_KEY", "the object storage secret key (from a Secret)");
    return new StorageConfig(endpoint(env.get("AWS_ENDPOINT_URL")), accessKey, secretKey,
        env.getOrDefault("AWS_REGION", "auto"), bucket, normalizePrefix(env.getOrDefault(WorkerEnv.PREFIX, "")));
  }

  /** The key of {@code path} under the configured prefix. */
  public String key(String path) {
    return prefix.isEmpty() ? path : prefix + "/" + path;
  }

  private static String required(Map<String, String> env, String name, String what) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      throw WorkerFailure.badInput(name + " is not set: it names " + what);
    }
    return value;
  }

  private static URI endpoint(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      URI uri = new URI(value);
      if (uri.getScheme() == null || !uri.getScheme().startsWith("http") || uri.getHost() == null) {
        throw WorkerFailure.badInput("AWS_ENDPOINT_URL '" + value + "' is not an http(s) URL");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw WorkerFailure.badInput("AWS_ENDPOINT_URL '" + value + "' is not a URL: " + e.getReason());
    }
  }

  private static String normalizePrefix(String prefix) {
    String trimmed = prefix.strip();
    while (trimmed.startsWith("/")) {
      trimmed = trimmed.substring(1);
    }
    while (trimmed.endsWith("/")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    return trimmed;
  }
}
