package dev.eider.operator.branch.database;

import dev.eider.operator.branch.BranchEvent;
import dev.eider.operator.platform.EventReason;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The finalizer's steps, decided from what exists now, so an operator restarted in the middle
 * carries on where the last one stopped: stop running clones and delete the branch namespace, wait
 * until both are gone (no pod can write the staging database any more), drop the staging database
 * with a worker Job, retried with backoff until it succeeds (a drop of a missing database succeeds,
 * so repeating one is harmless), then release the BranchDeployment.
 */
public final class TeardownPlanner {

  /** Teardown waits this long between looks while something is being deleted. */
  static final Duration POLL = Duration.ofSeconds(3);

  /** A drop Job with its attempt and state. */
  public record DropJob(Job job, int attempt, JobState state) {}

  /**
   * What exists now.
   *
   * @param namespacePresent the branch namespace (created by this BranchDeployment) still exists
   * @param namespaceTerminating it is being deleted already
   * @param activeClones clone Jobs of this BranchDeployment that have not finished
   * @param dropTarget the staging database to drop, or empty when there is none to drop
   * @param dropRefused why the derived database is not dropped (production, protected, another branch's), if so
   * @param dropJobs the drop Jobs of this BranchDeployment
   */
  public record Observed(boolean namespacePresent, boolean namespaceTerminating, List<String> activeClones,
                         Optional<String> dropTarget, Optional<BranchEvent> dropRefused, List<DropJob> dropJobs) {}

  /**
   * @param deleteJobs clone Jobs to delete
   * @param createDrop the drop Job to create and its attempt
   * @param done everything is gone: remove the finalizer
   */
  public record Plan(List<String> deleteJobs, boolean deleteNamespace, Optional<String> createDrop, int dropAttempt,
                     boolean done, Duration wake, List<BranchEvent> events) {}

  private TeardownPlanner() {}

  public static Plan plan(String deployment, Observed observed, JobRetries retries, Instant now) {
    List<BranchEvent> events = new ArrayList<>();
    boolean deleteNamespace = observed.namespacePresent() && !observed.namespaceTerminating();
    if (observed.namespacePresent() || !observed.activeClones().isEmpty()) {
      return new Plan(observed.activeClones(), deleteNamespace, Optional.empty(), 0, false, POLL, events);
    }
    if (observed.dropTarget().isEmpty()) {
      observed.dropRefused().ifPresent(events::add);
      events.add(new BranchEvent(EventReason.TeardownFinished, "branch namespace deleted; no staging database to drop"));
      return new Plan(List.of(), false, Optional.empty(), 0, true, Duration.ZERO, events);
    }
    String database = observed.dropTarget().get();
    if (observed.dropJobs().stream().anyMatch(drop -> drop.state() instanceof JobState.Finished f && f.succeeded())) {
      events.add(new BranchEvent(EventReason.DatabaseDropped, "dropped " + database));
      events.add(new BranchEvent(EventReason.TeardownFinished, "branch namespace deleted and " + database + " dropped"));
      return new Plan(List.of(), false, Optional.empty(), 0, true, Duration.ZERO, events);
    }
    Optional<DropJob> latest = observed.dropJobs().stream().max(Comparator.comparingInt(DropJob::attempt));
    if (latest.isEmpty()) {
      return create(deployment, database, 1, events);
    }
    if (!(latest.get().state() instanceof JobState.Finished failed)) {
      return new Plan(List.of(), false, Optional.empty(), 0, false, POLL, events);
    }
    int attempt = latest.get().attempt();
    Instant retryAt = failed.outcome().finishedAt().plus(retries.after(attempt));
    if (retryAt.isAfter(now)) {
      events.add(new BranchEvent(EventReason.DatabaseFailed, "dropping " + database + " failed (attempt " + attempt + "): "
          + failed.outcome().message() + "; trying again at " + retryAt));
      return new Plan(List.of(), false, Optional.empty(), 0, false, Duration.between(now, retryAt).plusMillis(500), events);
    }
    return create(deployment, database, attempt + 1, events);
  }

  private static Plan create(String deployment, String database, int attempt, List<BranchEvent> events) {
    String job = DatabaseJobs.dropName(deployment, database, attempt);
    events.add(new BranchEvent(EventReason.TeardownStarted, "dropping " + database + " (Job " + job + ")"));
    return new Plan(List.of(), false, Optional.of(job), attempt, false, POLL, events);
  }
}
