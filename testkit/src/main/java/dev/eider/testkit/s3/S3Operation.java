package dev.eider.testkit.s3;

import java.util.List;

/**
 * What a request asks for: the S3 operation it is, the bucket and key its path names, and what the
 * credential needs granted for it. An operation the front does not recognise has no needs and is
 * never allowed: a request the grants were not written for fails closed.
 */
record S3Operation(String name, String bucket, String key, List<RequiredAccess> needs) {

  static final String UNRECOGNISED = "Unrecognised";

  S3Operation {
    needs = List.copyOf(needs);
  }

  static S3Operation unrecognised(String bucket, String key) {
    return new S3Operation(UNRECOGNISED, bucket, key, List.of());
  }

  boolean recognised() {
    return !name.equals(UNRECOGNISED);
  }
}
