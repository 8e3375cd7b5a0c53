package dev.eider.operator.api.asset;

/**
 * Condition types and reasons of an Asset's status (API: add, never rename). Materializing and
 * Failed also carry the names of {@link dev.eider.operator.workerjob.FailureReason} (ImageUnavailable,
 * PodRefused, OOMKilled...) when Kubernetes, not the worker, failed the runs.
 */
public final class AssetConditions {

  public static final String READY = "Ready";
  public static final String MATERIALIZING = "Materializing";
  public static final String FAILED = "Failed";
  public static final String CHECKS_PASSED = "ChecksPassed";
  public static final String FRESH = "Fresh";
  public static final String BLOCKED = "Blocked";
  /** Time-windowed Assets only: False when there are more windows than the newest ones tracked. */
  public static final String ALL_WINDOWS_TRACKED = "AllWindowsTracked";
  public static final String CODE_VERSION = "CodeVersion";

  public static final String INVALID_SPEC = "InvalidSpec";
  public static final String MATERIALIZED = "Materialized";
  public static final String REUSED_FROM_BASE = "ReusedFromBase";
  public static final String PARTITIONS_MISSING = "PartitionsMissing";
  public static final String PARTITIONS_FAILED = "PartitionsFailed";
  public static final String NO_PARTITIONS = "NoPartitions";
  public static final String RUNS_IN_PROGRESS = "RunsInProgress";
  public static final String IDLE = "Idle";
  public static final String NO_FAILURES = "NoFailures";
  public static final String CHECKS_FAILED = "ChecksFailed";
  public static final String BLOCKING_CHECK_FAILED = "BlockingCheckFailed";
  public static final String ALL_CHECKS_PASSED = "AllChecksPassed";
  public static final String NO_CHECKS = "NoChecks";
  public static final String NOT_EVALUATED = "NotEvaluated";
  public static final String WITHIN_MAX_AGE = "WithinMaxAge";
  public static final String STALE = "Stale";
  public static final String NO_FRESHNESS_POLICY = "NoFreshnessPolicy";
  public static final String NEVER_MATERIALIZED = "NeverMaterialized";
  public static final String UPSTREAM_CHECK_FAILED = "UpstreamCheckFailed";
  public static final String NOT_BLOCKED = "NotBlocked";
  public static final String WITHIN_WINDOW_LIMIT = "WithinWindowLimit";
  public static final String OLDEST_WINDOWS_DROPPED = "OldestWindowsDropped";
  public static final String CODE_CURRENT = "CodeCurrent";
  public static final String CODE_CHANGED = "CodeChanged";

  private AssetConditions() {}
}
