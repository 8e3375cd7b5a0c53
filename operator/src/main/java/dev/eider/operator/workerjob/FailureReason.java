package dev.eider.operator.workerjob;

/**
 * Why a run failed (or cannot start) when Kubernetes, not the worker, says so. Each value is also
 * the reason of the Asset's condition and of the Event that reports it: API, never rename.
 */
public enum FailureReason {
  /** The worker image cannot be pulled, or cannot exist (invalid name, pull policy Never). */
  ImageUnavailable,
  /** The kubelet refused to create or start the container (missing Secret key, runAsNonRoot, bad command). */
  ContainerConfigRefused,
  /** Admission refused the pod (quota, LimitRange, pod security): the Job has no pod. */
  PodRefused,
  /** The worker was killed by its memory limit. */
  OOMKilled,
  /** The kubelet evicted the pod (node pressure). */
  Evicted,
  /** The run took longer than its timeout (the Job's activeDeadlineSeconds). */
  DeadlineExceeded,
  /**
   * The run exited 0 without the worker's result (an empty, unreadable, oversized or mistyped
   * termination message), or its result broke the operator's limits (too many or malformed
   * published keys, oversized partitionsGzip).
   */
  InvalidResult
}
