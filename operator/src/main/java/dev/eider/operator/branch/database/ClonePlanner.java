package dev.eider.operator.branch.database;

import dev.eider.operator.platform.Timestamps;
import static dev.eider.operator.branch.status.BranchConditions.*;

import dev.eider.operator.api.branch.BranchDeploymentStatus.DatabaseStatus;
import dev.eider.operator.api.branch.DatabaseSpec;
import dev.eider.operator.branch.BranchEvent;
import dev.eider.operator.platform.EventReason;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Decides what happens to a branch's staging database, from what the status recorded and what the
 * clone Job shows: a pure function, so the same observations always give the same actions.
 * A clone runs when none has succeeded for the current target (staging database, production and
 * reset request); a retryable failure is retried with backoff up to the attempt limit, a permanent
 * one waits for a new {@code eider.dev/reset-database} value. Decisions follow the recorded phase,
 * never a Job's mere presence, so a Job removed by its TTL is not run again after it succeeded.
 */
public final class ClonePlanner {

  /** The database's phase as recorded in {@code status.database.phase}. */
  public enum Phase { Empty, Cloning, Retrying, Ready, Failed, Refused }

  /**
   * What to do and what to report.
   *
   * @param status the new {@code status.database}
   * @param create the clone Job to create (again, if it went missing), with {@code status.attempt}
   * @param supersede a running clone Job to stop, because its target is no longer wanted
   * @param wakeAt when to look again (a retry), if not woken by a Job's events before
   */
  public record Plan(DatabaseStatus status, boolean ready, String reason, String message, Optional<String> create,
                     Optional<String> supersede, Optional<Instant> wakeAt, List<BranchEvent> events) {}

  private ClonePlanner() {}

  public static Plan plan(String deployment, DatabaseSpec.Mode mode, StagingDatabase.Decision decision, String resetAnnotation,
                          DatabaseStatus previous, Function<String, JobState> jobs, JobRetries retries, Instant now) {
    DatabaseStatus prev = previous == null ? new DatabaseStatus() : previous;
    Phase phase = phase(prev);
    Optional<String> running = phase == Phase.Cloning && prev.getJob() != null && jobs.apply(prev.getJob()) instanceof JobState.Running
        ? Optional.of(prev.getJob()) : Optional.empty();
    if (decision instanceof StagingDatabase.Refused refused) {
      DatabaseStatus status = new DatabaseStatus();
      status.setName(prev.getName());
      status.setReady(false);
      status.setPhase(Phase.Refused.name());
      status.setMessage(refused.message());
      return new Plan(status, false, refused.reason(), refused.message(), Optional.empty(), running, Optional.empty(),
          List.of(new BranchEvent(EventReason.ProductionTarget, refused.message())));
    }
    StagingDatabase.Target target = (StagingDatabase.Target) decision;
    String staging = target.staging().display();
    String source = target.production().display();
    String reset = resetAnnotation != null && !resetAnnotation.isBlank() ? resetAnnotation.strip() : prev.getResetRequest();
    if (mode == DatabaseSpec.Mode.EMPTY) {
      DatabaseStatus status = new DatabaseStatus();
      status.setName(staging);
      status.setReady(true);
      status.setPhase(Phase.Empty.name());
      status.setResetRequest(reset);
      String message = "starts empty: the first transform creates " + staging;
      status.setMessage(message);
      return new Plan(status, true, EMPTY_DATABASE, message, Optional.empty(), running, Optional.empty(), List.of());
    }
    boolean sameTarget = staging.equals(prev.getName()) && source.equals(prev.getSource()) && Objects.equals(reset, prev.getResetRequest());
    if (!sameTarget || phase == Phase.Empty || phase == Phase.Refused || phase == null) {
      String why = phase == Phase.Ready && staging.equals(prev.getName()) && source.equals(prev.getSource())
          ? "reset requested (" + reset + "): cloning " + source + " into " + staging + " again"
          : "cloning " + source + " into " + staging;
      return start(deployment, staging, source, reset, 1, running, why);
    }
    int attempt = prev.getAttempt() == null ? 1 : prev.getAttempt();
    return switch (phase) {
      case Ready -> keep(prev, true, CLONED, "cloned from " + source + (prev.getClonedAt() == null ? "" : " at " + prev.getClonedAt()));
      case Failed -> keep(prev, false, CLONE_FAILED, prev.getMessage());
      case Retrying -> {
        Instant retryAt = Timestamps.parseOr(prev.getRetryAt(), now);
        if (!retryAt.isAfter(now)) {
          yield start(deployment, staging, source, reset, attempt + 1, Optional.empty(),
              "attempt " + (attempt + 1) + ": cloning " + source + " into " + staging);
        }
        Plan waiting = keep(prev, false, RETRY_SCHEDULED, prev.getMessage() + "; attempt " + (attempt + 1) + " at " + prev.getRetryAt());
        yield new Plan(waiting.status(), false, waiting.reason(), waiting.message(), Optional.empty(), Optional.empty(),
            Optional.of(retryAt), List.of());
      }
      default -> observe(deployment, prev, jobs.apply(prev.getJob()), attempt, source, staging, retries, now);
    };
  }

  private static Plan observe(String deployment, DatabaseStatus prev, JobState state, int attempt, String source, String staging,
                              JobRetries retries, Instant now) {
    String job = prev.getJob();
    if (state instanceof JobState.Missing) {
      // Recorded as started but not in the cache: created again under the same name (409 if it is there after all).
      Plan plan = keep(prev, false, CLONING, "clone Job " + job + " (attempt " + attempt + ") is starting");
      return new Plan(plan.status(), false, CLONING, plan.message(), Optional.of(job), Optional.empty(), Optional.empty(), List.of());
    }
    if (state instanceof JobState.Running) {
      return keep(prev, false, CLONING, "clone Job " + job + " (attempt " + attempt + ") is copying " + source);
    }
    JobState.Finished finished = (JobState.Finished) state;
    DatabaseStatus status = copy(prev);
    status.setMessage(finished.outcome().message());
    status.setRetryAt(null);
    List<BranchEvent> events = new ArrayList<>();
    if (finished.succeeded()) {
      status.setPhase(Phase.Ready.name());
      status.setReady(true);
      status.setClonedAt(finished.outcome().finishedAt().truncatedTo(ChronoUnit.SECONDS).toString());
      String message = "cloned " + source + " into " + staging + " (Job " + job + ")";
      events.add(new BranchEvent(EventReason.DatabaseCloned, message));
      return new Plan(status, true, CLONED, message, Optional.empty(), Optional.empty(), Optional.empty(), events);
    }
    boolean retryable = finished.outcome().kind() == dev.eider.operator.workerjob.RunOutcome.Kind.RETRYABLE;
    if (retryable && attempt < retries.maxAttempts()) {
      Instant retryAt = now.plus(retries.after(attempt)).truncatedTo(ChronoUnit.SECONDS);
      status.setPhase(Phase.Retrying.name());
      status.setRetryAt(retryAt.toString());
      String message = "clone attempt " + attempt + " failed: " + finished.outcome().message();
      status.setMessage(message);
      events.add(new BranchEvent(EventReason.DatabaseFailed, message + "; attempt " + (attempt + 1) + " at " + retryAt));
      return new Plan(status, false, RETRY_SCHEDULED, message, Optional.empty(), Optional.empty(), Optional.of(retryAt), events);
    }
    status.setPhase(Phase.Failed.name());
    String message = "clone failed" + (retryable ? " after " + attempt + " attempt(s)" : " (bad input, not retried)") + ": "
        + finished.outcome().message() + "; set the annotation eider.dev/reset-database to a new value to try again";
    status.setMessage(message);
    events.add(new BranchEvent(EventReason.DatabaseFailed, message));
    return new Plan(status, false, CLONE_FAILED, message, Optional.empty(), Optional.empty(), Optional.empty(), events);
  }

  private static Plan start(String deployment, String staging, String source, String reset, int attempt, Optional<String> supersede,
                            String why) {
    String job = DatabaseJobs.cloneName(deployment, source, staging, reset, attempt);
    DatabaseStatus status = new DatabaseStatus();
    status.setName(staging);
    status.setSource(source);
    status.setResetRequest(reset);
    status.setReady(false);
    status.setPhase(Phase.Cloning.name());
    status.setJob(job);
    status.setAttempt(attempt);
    String message = why + " (Job " + job + ")";
    status.setMessage(message);
    return new Plan(status, false, CLONING, message, Optional.of(job), supersede.filter(old -> !old.equals(job)), Optional.empty(),
        List.of(new BranchEvent(EventReason.DatabaseCloning, message)));
  }

  private static Plan keep(DatabaseStatus prev, boolean ready, String reason, String message) {
    DatabaseStatus status = copy(prev);
    status.setReady(ready);
    return new Plan(status, ready, reason, message == null ? "" : message, Optional.empty(), Optional.empty(), Optional.empty(), List.of());
  }

  static Phase phase(DatabaseStatus status) {
    if (status.getPhase() == null) {
      return null;
    }
    try {
      return Phase.valueOf(status.getPhase());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static DatabaseStatus copy(DatabaseStatus prev) {
    DatabaseStatus status = new DatabaseStatus();
    status.setName(prev.getName());
    status.setReady(prev.getReady());
    status.setPhase(prev.getPhase());
    status.setSource(prev.getSource());
    status.setResetRequest(prev.getResetRequest());
    status.setJob(prev.getJob());
    status.setAttempt(prev.getAttempt());
    status.setRetryAt(prev.getRetryAt());
    status.setClonedAt(prev.getClonedAt());
    status.setMessage(prev.getMessage());
    return status;
  }
}
