package dev.eider.operator.api;

/**
 * Upper bounds on what one Asset may hold, shared by the CRD schemas ({@code maxItems},
 * {@code maxLength}) and the operator's own validation, which also catches Assets stored under an
 * older CRD without them. They bound the work and memory one namespace's users can cost the operator.
 */
public final class ApiLimits {

  /** Partition keys of {@code spec.partitions.static}, and keys one run may publish. */
  public static final int MAX_PARTITION_KEYS = 10_000;

  /** Characters of one partition key: an AT-URI of a starter pack is well below it. */
  public static final int MAX_PARTITION_KEY_LENGTH = 256;

  /** Entries of {@code spec.deps}. */
  public static final int MAX_DEPS = 100;

  /** Entries of {@code spec.checks}. */
  public static final int MAX_CHECKS = 100;

  /** Entries of {@code spec.worker.env} and of {@code spec.worker.envFrom}. */
  public static final int MAX_ENV = 100;

  /** Characters of {@code spec.transform.sql}: one model; a Linux environment variable holds at most 128 KiB. */
  public static final int MAX_INLINE_SQL = 64 * 1024;

  /** Bytes of SQL one ConfigMap of models may hold: the API server's limit of a ConfigMap. */
  public static final int MAX_MODEL_SET_BYTES = 1024 * 1024;

  /** Models of one transform: each is a Job argument. */
  public static final int MAX_MODELS = 100;

  private ApiLimits() {}
}
