package dev.eider.testkit.s3;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The credentials the front knows, by access key; tests may add some while requests are served. */
final class CredentialRegistry {

  private final Map<String, S3Credential> byAccessKey = new ConcurrentHashMap<>();

  void add(S3Credential credential) {
    if (byAccessKey.putIfAbsent(credential.accessKey(), credential) != null) {
      throw new IllegalArgumentException("access key " + credential.accessKey() + " is already registered");
    }
  }

  Optional<S3Credential> find(String accessKey) {
    return Optional.ofNullable(byAccessKey.get(accessKey));
  }
}
