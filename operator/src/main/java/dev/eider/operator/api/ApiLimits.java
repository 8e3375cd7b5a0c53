package dev.eider.operator.api;

import dev.eider.contract.checks.CheckRules;
import dev.eider.contract.result.PartitionKeys;

/**
 * Upper bounds on what one Asset or BranchDeployment may hold, shared by the CRD schemas
 * ({@code maxItems}, {@code maxLength}, through the API classes' {@code @Size}) and the operator's
 * own validation, which also catches objects stored under an older CRD without them. They bound
 * the work and memory one namespace's users can cost the operator. Those the worker also holds to
 * (published keys, check values) are the contract's.
 */
public final class ApiLimits {

  /** Partition keys of {@code spec.partitions.static}, and keys one run may publish. */
  public static final int MAX_PARTITION_KEYS = PartitionKeys.MAX_KEYS;

  /**
   * Windows of {@code spec.partitions.timeWindow} tracked as partitions: the newest ended between
   * {@code start} and now (or {@code end}), about 11 years of hourly windows, 270 of daily ones.
   * Older windows are not partitions, and the Asset's AllWindowsTracked condition says so: a spec
   * is not refused for windows that accumulate with time.
   */
  public static final int MAX_TIME_WINDOW_PARTITIONS = 100_000;

  /** Characters of one partition key: an AT-URI of a starter pack is well below it. */
  public static final int MAX_PARTITION_KEY_LENGTH = PartitionKeys.MAX_KEY_LENGTH;

  /** Entries of {@code spec.deps}. */
  public static final int MAX_DEPS = 100;

  /** Entries of {@code spec.checks}. */
  public static final int MAX_CHECKS = 100;

  /** Entries of {@code spec.worker.env} and of {@code spec.worker.envFrom}. */
  public static final int MAX_ENV = 100;

  /** Characters of {@code spec.transform.sql}: one model; a Linux environment variable holds at most 128 KiB. */
  public static final int MAX_INLINE_SQL = 64 * 1024;

  /** Entries of {@code spec.worker.resources}' limits, requests and claims: cpu, memory, a few others. */
  public static final int MAX_RESOURCES = 16;

  /** Models of {@code spec.transform.models}, and of a ConfigMap of models: each is a Job argument. */
  public static final int MAX_MODELS = 100;

  /** Entries of one check's {@code values}: they travel to the worker in its arguments. */
  public static final int MAX_CHECK_VALUES = CheckRules.MAX_VALUES;

  /** Characters of one of those values. */
  public static final int MAX_CHECK_VALUE_LENGTH = CheckRules.MAX_VALUE_LENGTH;

  /**
   * Entries of a BranchDeployment's {@code spec.secrets}, {@code spec.access.users} and
   * {@code spec.access.groups} (each a Secret copied or a RoleBinding subject), and of its
   * {@code spec.assets.selector}: requirements, values of one requirement, labels.
   */
  public static final int MAX_BRANCH_ENTRIES = 100;

  /** Entries of a BranchDeployment's {@code status.changes} and of its {@code status.plan} (rebuild and reuse together). */
  public static final int MAX_BRANCH_STATUS_ASSETS = 500;

  /** Model names of one entry of {@code status.changes}. */
  public static final int MAX_CHANGED_MODELS = 20;

  /** Characters of a Secret name, a user or a group: a DNS subdomain's length. */
  public static final int MAX_NAME_LENGTH = 253;

  /** Tables one data diff compares (each is a query pair on both databases). */
  public static final int MAX_DIFF_TABLES = 50;

  /** Columns of one key (a row's identity in a data diff). */
  public static final int MAX_KEY_COLUMNS = 16;

  /** Bytes of JSON of {@code status.lastMaterialization.metadata}, the worker's result. */
  public static final int MAX_METADATA_BYTES = 16 * 1024;

  /** Levels of objects and lists of that metadata, the result itself being the first. */
  public static final int MAX_METADATA_DEPTH = 8;

  /** Fields and list items of that metadata, at every level together. */
  public static final int MAX_METADATA_ENTRIES = 500;

  private ApiLimits() {}
}
