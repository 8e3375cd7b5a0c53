package dev.eider.testkit.s3;

/** The bucket and key a path-style request names: {@code /bucket/key}, percent-decoded. Empty when absent. */
record S3Path(String bucket, String key) {

  static S3Path parse(String rawPath) {
    String path = rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
    int slash = path.indexOf('/');
    return slash < 0
        ? new S3Path(PercentCoding.decode(path), "")
        : new S3Path(PercentCoding.decode(path.substring(0, slash)), PercentCoding.decode(path.substring(slash + 1)));
  }
}
