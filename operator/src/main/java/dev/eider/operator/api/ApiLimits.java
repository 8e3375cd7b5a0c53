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

  /** Bytes of JSON of {@code status.lastMaterialization.metadata}, the worker's result. */
  public static final int MAX_METADATA_BYTES = 16 * 1024;

  /** Levels of objects and lists of that metadata, the result itself being the first. */
  public static final int MAX_METADATA_DEPTH = 8;

  /** Fields and list items of that metadata, at every level together. */
  public static final int MAX_METADATA_ENTRIES = 500;

  private ApiLimits() {}
}
