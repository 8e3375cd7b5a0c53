package dev.eider.operator.asset.run;

import dev.eider.operator.workerjob.RunOutcomes;
import dev.eider.operator.asset.state.PartitionState;
import dev.eider.operator.asset.state.PartitionStates;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Concurrency limits: counted across a namespace from live Jobs, a pool's limit and one writer per
 * warehouse file; counted from an asset's partition states, its own limit. Reconciles of different assets run in parallel, so counting and creating happen
 * under one lock per namespace. The informer's list lags a create by a few milliseconds, so Jobs
 * created here are also remembered until the informer shows them.
 */
public final class RunSlots {

  private static final Duration REMEMBER = Duration.ofMinutes(1);

  private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();
  private final Map<String, Created> created = new ConcurrentHashMap<>();

  private record Created(Job job, Instant at) {}

  /** Runs {@code action} while no other reconcile of {@code namespace} launches runs. */
  public <T> T withNamespaceLocked(String namespace, Supplier<T> action) {
    ReentrantLock lock = locks.computeIfAbsent(namespace, ns -> new ReentrantLock());
    lock.lock();
    try {
      return action.get();
    } finally {
      lock.unlock();
    }
  }

  /** Remembers a Job just created, until the informer has it. */
  public void created(Job job) {
    created.put(job.getMetadata().getNamespace() + "/" + job.getMetadata().getName(), new Created(job, Instant.now()));
  }

  /** The namespace's Jobs as the informer has them, plus those created here that it does not show yet. */
  public List<Job> live(String namespace, Collection<Job> cached) {
    Set<String> names = new HashSet<>();
    cached.forEach(job -> names.add(job.getMetadata().getName()));
    List<Job> all = new ArrayList<>(cached);
    Instant forgetBefore = Instant.now().minus(REMEMBER);
    created.forEach((key, entry) -> {
      if (entry.at().isBefore(forgetBefore) || names.contains(entry.job().getMetadata().getName())
          && entry.job().getMetadata().getNamespace().equals(namespace)) {
        created.remove(key);
      } else if (entry.job().getMetadata().getNamespace().equals(namespace)) {
        all.add(entry.job());
      }
    });
    return all;
  }

  /** Live (unfinished) Jobs carrying {@code label=value}. */
  public static long active(Collection<Job> jobs, String label, String value) {
    return jobs.stream()
        .filter(job -> job.getMetadata().getLabels() != null && value.equals(job.getMetadata().getLabels().get(label)))
        .filter(job -> !finished(job))
        .count();
  }

  public static boolean finished(Job job) {
    return RunOutcomes.finishedCondition(job).isPresent();
  }

  /**
   * How many more runs of one asset may start: its running partitions (recorded, whether or not
   * their Job exists yet) count against {@code limit}, so a backfill of thousands of partitions
   * creates at most {@code limit} Jobs at a time.
   */
  public static int freeForAsset(PartitionStates states, int limit) {
    long running = states.all().stream().filter(PartitionState::running).count();
    return (int) Math.max(0, limit - running);
  }

  /** How many more runs may start under {@code label=value} with {@code limit}; no value or limit: no limit. */
  public static int free(Collection<Job> jobs, String labelKey, String labelValue, Integer limit) {
    if (labelValue == null || limit == null) {
      return Integer.MAX_VALUE;
    }
    return (int) Math.max(0, limit - active(jobs, labelKey, labelValue));
  }
}
