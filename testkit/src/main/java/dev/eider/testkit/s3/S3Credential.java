package dev.eider.testkit.s3;

import java.util.List;
import java.util.Optional;

/** An access key, its secret and its grants. */
record S3Credential(String accessKey, String secretKey, List<S3Grant> grants) {

  S3Credential {
    if (accessKey == null || accessKey.isEmpty() || accessKey.contains("/")) {
      throw new IllegalArgumentException("an access key is non-empty and has no '/'");
    }
    if (secretKey == null || secretKey.isEmpty()) {
      throw new IllegalArgumentException("a secret key is non-empty");
    }
    grants = List.copyOf(grants);
  }

  /** The first of {@code needs} no grant allows, if any. */
  Optional<RequiredAccess> firstDenied(List<RequiredAccess> needs) {
    return needs.stream().filter(need -> grants.stream().noneMatch(need::grantedBy)).findFirst();
  }

  @Override
  public String toString() {
    // Records print every component; a secret has no business in a test log.
    return "S3Credential[" + accessKey + ", " + grants + "]";
  }
}
