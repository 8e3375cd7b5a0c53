package dev.eider.operator.asset.run;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Concurrency limits counted across a namespace from live Jobs: a pool's limit, and one writer per
 * warehouse file. Reconciles of different assets run in parallel, so counting and creating happen
 * under one lock per namespace; the Job cache is told about each created Job before the lock is
 * released, so the next count sees it.
 */
public final class RunSlots {

  private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

  /** Runs {@code action} while no other reconcile of {@code namespace} launches runs. */
  public <T> T withNamespaceLocked(String namespace, java.util.function.Supplier<T> action) {
    ReentrantLock lock = locks.computeIfAbsent(namespace, ns -> new ReentrantLock());
    lock.lock();
    try {
      return action.get();
    } finally {
      lock.unlock();
    }
  }

  /** Live (unfinished) Jobs in a namespace carrying {@code label=value}. */
  public static long active(Collection<Job> jobsInNamespace, String label, String value) {
    return jobsInNamespace.stream()
        .filter(job -> job.getMetadata().getLabels() != null && value.equals(job.getMetadata().getLabels().get(label)))
        .filter(job -> !finished(job))
        .count();
  }

  public static boolean finished(Job job) {
    return job.getStatus() != null && job.getStatus().getConditions() != null && job.getStatus().getConditions().stream()
        .anyMatch(c -> ("Complete".equals(c.getType()) || "Failed".equals(c.getType())) && "True".equals(c.getStatus()));
  }

  /**
   * How many more runs may start in a pool with {@code limit}, given the live Jobs. A null pool or
   * limit means no limit.
   */
  public static int free(Collection<Job> jobsInNamespace, String labelKey, String labelValue, Integer limit) {
    if (labelValue == null || limit == null) {
      return Integer.MAX_VALUE;
    }
    return (int) Math.max(0, limit - active(jobsInNamespace, labelKey, labelValue));
  }
}
