package dev.eider.testkit.s3;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What one credential may do, like a statement of an IAM policy: {@code access} to the objects of
 * {@code bucket} whose keys start with {@code prefix}. READ and WRITE are separate and explicit (a
 * write-only grant cannot read back what it wrote), and an empty prefix is the whole bucket, which
 * bucket-level operations (GetBucketLocation, creating or deleting the bucket) and a listing with
 * no prefix need. {@value #ANY_BUCKET} as the bucket stands for every bucket, also ones created later.
 *
 * <pre>{@code
 * s3.addCredential("branch-key", "branch-secret", List.of(
 *     S3Grant.read("eider", "raw/"),
 *     S3Grant.readWrite("eider", "raw/branches/")));
 * }</pre>
 */
public record S3Grant(String bucket, String prefix, Set<Access> access) {

  /** The bucket name that matches every bucket. */
  public static final String ANY_BUCKET = "*";

  public enum Access {
    /** GetObject, HeadObject, listing, and being the source of a copy. */
    READ,
    /** PutObject, multipart uploads, DeleteObject(s), and being the target of a copy. */
    WRITE
  }

  public S3Grant {
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(prefix, "prefix");
    if (bucket.isEmpty()) {
      throw new IllegalArgumentException("a grant names a bucket (or " + ANY_BUCKET + ")");
    }
    if (access == null || access.isEmpty()) {
      throw new IllegalArgumentException("a grant allows READ, WRITE or both");
    }
    access = Set.copyOf(EnumSet.copyOf(access));
  }

  public static S3Grant read(String bucket, String prefix) {
    return new S3Grant(bucket, prefix, EnumSet.of(Access.READ));
  }

  public static S3Grant write(String bucket, String prefix) {
    return new S3Grant(bucket, prefix, EnumSet.of(Access.WRITE));
  }

  public static S3Grant readWrite(String bucket, String prefix) {
    return new S3Grant(bucket, prefix, EnumSet.of(Access.READ, Access.WRITE));
  }

  /** Everything, in every bucket: what {@link LocalS3#ACCESS_KEY} has. */
  public static S3Grant everything() {
    return readWrite(ANY_BUCKET, "");
  }

  boolean appliesTo(String bucketName) {
    return bucket.equals(ANY_BUCKET) || bucket.equals(bucketName);
  }

  boolean allows(Access wanted) {
    return access.contains(wanted);
  }

  boolean wholeBucket() {
    return prefix.isEmpty();
  }
}
