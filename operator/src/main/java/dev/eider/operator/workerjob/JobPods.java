package dev.eider.operator.workerjob;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.Collection;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Which pod is a worker Job's own: an asset run's, or a branch's clone or drop. Anyone who may
 * create pods in a namespace can label one {@code job-name=<a Job>} and have it terminate with any
 * message: read as the Job's result, it would pass a blocking check, publish partition keys, or
 * report a staging database cloned or dropped. A Job's own pod is the one its
 * controller made, so it carries the Job as controller owner (same uid) and the
 * {@code controller-uid} label the Job selects its pods by; a uid belongs to one Job only, so an
 * earlier Job of the same name does not match either.
 */
public final class JobPods {

  static final String CONTROLLER_UID = "controller-uid";
  private static final Logger LOG = Logger.getLogger(JobPods.class);

  private JobPods() {}

  /** The newest of {@code candidates} that belongs to {@code job}; the others are ignored. */
  public static Optional<Pod> of(Job job, Collection<Pod> candidates) {
    return candidates.stream()
        .filter(pod -> {
          boolean own = belongsTo(pod, job);
          if (!own) {
            LOG.debugf("ignoring pod %s/%s: labelled for Job %s but not created by it (uid %s)", pod.getMetadata().getNamespace(),
                pod.getMetadata().getName(), job.getMetadata().getName(), job.getMetadata().getUid());
          }
          return own;
        })
        .max(Comparator.comparing(pod -> Objects.toString(pod.getMetadata().getCreationTimestamp(), "")));
  }

  static boolean belongsTo(Pod pod, Job job) {
    String uid = job.getMetadata().getUid();
    if (uid == null || pod.getMetadata() == null) {
      return false;
    }
    Map<String, String> labels = pod.getMetadata().getLabels();
    if (labels == null || !uid.equals(labels.get(CONTROLLER_UID))) {
      return false;
    }
    return pod.getMetadata().getOwnerReferences() != null && pod.getMetadata().getOwnerReferences().stream()
        .anyMatch(owner -> controlledBy(owner, uid));
  }

  private static boolean controlledBy(OwnerReference owner, String uid) {
    return Boolean.TRUE.equals(owner.getController()) && "Job".equals(owner.getKind())
        && owner.getApiVersion() != null && owner.getApiVersion().startsWith("batch/") && uid.equals(owner.getUid());
  }
}
