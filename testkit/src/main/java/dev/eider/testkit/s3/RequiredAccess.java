package dev.eider.testkit.s3;

import dev.eider.testkit.s3.S3Grant.Access;

/**
 * One thing an operation needs granted. An operation may need several (a copy reads its source and
 * writes its target; DeleteObjects writes every key it names) and is allowed only when each one is
 * granted by some grant of the credential.
 *
 * @param subject the object key, the listed prefix, or "" for bucket-level needs
 */
record RequiredAccess(Kind kind, Access access, String bucket, String subject) {

  enum Kind {
    /** {@code access} on the object {@code subject}. */
    OBJECT,
    /** Listing keys that start with {@code subject}: READ on a prefix {@code subject} starts with. */
    LIST,
    /** {@code access} on the whole bucket (a grant with an empty prefix). */
    BUCKET,
    /** Any grant at all on the bucket: HeadBucket, which tells only that the bucket exists. */
    ANY_ON_BUCKET,
    /** {@code access} on every bucket: ListBuckets. */
    ALL_BUCKETS
  }

  static RequiredAccess object(Access access, String bucket, String key) {
    return new RequiredAccess(Kind.OBJECT, access, bucket, key);
  }

  static RequiredAccess list(String bucket, String prefix) {
    return new RequiredAccess(Kind.LIST, Access.READ, bucket, prefix);
  }

  static RequiredAccess bucket(Access access, String bucket) {
    return new RequiredAccess(Kind.BUCKET, access, bucket, "");
  }

  static RequiredAccess anyOnBucket(String bucket) {
    return new RequiredAccess(Kind.ANY_ON_BUCKET, Access.READ, bucket, "");
  }

  static RequiredAccess allBuckets(Access access) {
    return new RequiredAccess(Kind.ALL_BUCKETS, access, S3Grant.ANY_BUCKET, "");
  }

  boolean grantedBy(S3Grant grant) {
    return switch (kind) {
      case OBJECT -> grant.appliesTo(bucket) && grant.allows(access) && subject.startsWith(grant.prefix());
      case LIST -> grant.appliesTo(bucket) && grant.allows(Access.READ) && subject.startsWith(grant.prefix());
      case BUCKET -> grant.appliesTo(bucket) && grant.allows(access) && grant.wholeBucket();
      case ANY_ON_BUCKET -> grant.appliesTo(bucket);
      case ALL_BUCKETS -> grant.bucket().equals(S3Grant.ANY_BUCKET) && grant.allows(access) && grant.wholeBucket();
    };
  }
}
