package dev.eider.operator.asset.run;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads why a Job has no pod. Admission (a ResourceQuota, a LimitRange, pod security) refuses the
 * pod before it exists, so no pod status tells; only the Job controller's {@code FailedCreate}
 * Events on the Job do, e.g. {@code Error creating: pods "x-" is forbidden: exceeded quota: ...}.
 * Other creation errors (a timeout, an unavailable API server) are left to the Job controller's
 * own retries and, at worst, the pending timeout.
 */
public final class PodRefusals {

  public static final String FAILED_CREATE = "FailedCreate";
  private static final String PREFIX = "Error creating: ";

  private PodRefusals() {}

  /**
   * The admission message of the newest refusal of {@code job}'s pod, if any.
   *
   * @param events Events about a Job of {@code job}'s name and namespace; those of an earlier Job
   *     of the same name (another uid) are ignored
   */
  public static Optional<String> of(Job job, List<Event> events) {
    String uid = job.getMetadata().getUid();
    return events.stream()
        .filter(event -> FAILED_CREATE.equals(event.getReason()) && event.getMessage() != null)
        .filter(event -> uid == null || event.getInvolvedObject() == null || event.getInvolvedObject().getUid() == null
            || uid.equals(event.getInvolvedObject().getUid()))
        .filter(event -> refusal(event.getMessage()))
        .max(Comparator.comparing(PodRefusals::lastSeen))
        .map(event -> StartFailure.oneLine(event.getMessage().startsWith(PREFIX)
            ? event.getMessage().substring(PREFIX.length()) : event.getMessage()));
  }

  /** 403 (quota, LimitRange, pod security, PodSecurityPolicy) or 422 (a pod spec the API refuses): retrying the same pod cannot help. */
  private static boolean refusal(String message) {
    return message.contains(" is forbidden: ") || message.contains(" is invalid: ");
  }

  private static String lastSeen(Event event) {
    // RFC 3339 in UTC: compares as text. Events of the older API carry lastTimestamp, newer ones eventTime.
    return Objects.requireNonNullElse(event.getLastTimestamp(),
        event.getEventTime() == null ? "" : Objects.requireNonNullElse(event.getEventTime().getTime(), ""));
  }
}
