package dev.eider.testkit.s3;

/**
 * A request {@link LocalS3} refused and did not pass on: who asked (the access key it was signed
 * with, or null when unsigned), what for, and S3's error code. Tests assert on these to show that a
 * write was attempted and refused, not merely that nothing was written.
 *
 * @param operation the S3 operation, e.g. {@code PutObject}, or {@code Unrecognised}; null when the
 *     request was refused before it was classified (an authentication failure)
 * @param key the object key or listed prefix that was not granted (for DeleteObjects and copies,
 *     the first key of the request that was not); for authentication failures the key of the path
 */
public record S3Refusal(String accessKey, String operation, String method, String bucket, String key, String code) {}
