package dev.eider.operator.platform;

/**
 * Reasons of the Events the operator records. Reasons are API (users filter and alert on them):
 * add new ones, never rename.
 */
public enum EventReason {
  InvalidSpec(EventType.Warning),
  RunStarted(EventType.Normal),
  RunSucceeded(EventType.Normal),
  RunFailed(EventType.Warning),
  RetryScheduled(EventType.Normal),
  RetriesExhausted(EventType.Warning),
  RunStuckPending(EventType.Warning),
  RunReplaced(EventType.Normal),
  ChecksFailed(EventType.Warning),
  ChecksPassed(EventType.Normal),
  UpstreamCheckFailed(EventType.Warning),
  ScheduleTick(EventType.Normal),
  MaterializeRequested(EventType.Normal),
  StaleFreshness(EventType.Warning),
  NamespaceCreated(EventType.Normal),
  SecretsCopied(EventType.Normal),
  DatabaseCloned(EventType.Normal),
  DatabaseFailed(EventType.Warning),
  DatabaseDropped(EventType.Normal),
  AssetsSynced(EventType.Normal),
  DataDiffPlanned(EventType.Normal),
  Expired(EventType.Normal),
  TeardownStarted(EventType.Normal),
  TeardownFinished(EventType.Normal),
  DatabaseCloning(EventType.Normal),
  ProductionTarget(EventType.Warning),
  NamespaceConflict(EventType.Warning),
  NamespaceDeleted(EventType.Normal),
  SecretsMissing(EventType.Warning),
  BranchResourcesFailed(EventType.Warning),
  AssetsSyncFailed(EventType.Warning),
  /** A teardown left the staging database in place: another BranchDeployment of the same branch uses it. */
  DatabaseKept(EventType.Warning),
  // A run that Kubernetes failed or cannot start, named by cause (replacing RetryScheduled,
  // RetriesExhausted or RunFailed for that run); the message says whether it is retried.
  /** The worker image cannot be pulled (reported at once, the attempt fails after a grace) or cannot exist. */
  ImageUnavailable(EventType.Warning),
  /** The kubelet refused the worker container: a missing Secret or ConfigMap key, runAsNonRoot with a root image... */
  ContainerConfigRefused(EventType.Warning),
  /** Admission refused the run's pod: a ResourceQuota, a LimitRange, pod security. */
  PodRefused(EventType.Warning),
  /** The worker was killed by its memory limit. */
  OOMKilled(EventType.Warning),
  /** The kubelet evicted the run's pod. */
  Evicted(EventType.Warning),
  /** The run took longer than its timeout. */
  DeadlineExceeded(EventType.Warning),
  /** The run's result was refused: too many or malformed published keys, or partitionsGzip too large or unreadable. */
  InvalidResult(EventType.Warning),
  /** The namespace cannot be placed (not in the operator's cache, a branch's without annotations): nothing launched. */
  NamespaceUnresolved(EventType.Warning),
  /** A time-windowed Asset has more windows than it tracks: the oldest are no longer partitions. */
  OldestWindowsDropped(EventType.Warning);

  /** Kubernetes' two Event types. */
  public enum EventType { Normal, Warning }

  private final EventType type;

  EventReason(EventType type) {
    this.type = type;
  }

  public EventType type() {
    return type;
  }
}
