package dev.eider.operator.workerjob;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A pod is a Job's only when the Job's controller made it: controller owner and controller-uid label, both with the Job's uid. */
public class JobPodsTest {

  static final Job JOB = new JobBuilder().withNewMetadata().withName("feeds-abc-1").withNamespace("ns").withUid("uid-1").endMetadata().build();

  @Test
  void theJobsOwnPodIsFound() {
    Pod own = ownedBy(JOB, pod("feeds-abc-1-x", "2025-03-10T12:00:00Z"));
    assertThat(JobPods.of(JOB, List.of(own))).containsSame(own);
  }

  @Test
  void aPodWithOnlyTheJobNameLabelIsIgnoredEvenWhenNewer() {
    Pod own = ownedBy(JOB, pod("feeds-abc-1-x", "2025-03-10T12:00:00Z"));
    Pod forged = pod("forged", "2025-03-10T12:05:00Z");
    assertThat(JobPods.of(JOB, List.of(own, forged))).containsSame(own);
    assertThat(JobPods.of(JOB, List.of(forged))).isEmpty();
  }

  @Test
  void everyPartOfTheOwnershipMustMatch() {
    Pod labelOnly = pod("label-only", "2025-03-10T12:00:00Z");
    labelOnly.getMetadata().getLabels().put(JobPods.CONTROLLER_UID, "uid-1");
    Pod ownerOnly = ownedBy(JOB, pod("owner-only", "2025-03-10T12:00:00Z"));
    ownerOnly.getMetadata().getLabels().remove(JobPods.CONTROLLER_UID);
    Pod notController = ownedBy(JOB, pod("not-controller", "2025-03-10T12:00:00Z"));
    notController.getMetadata().getOwnerReferences().get(0).setController(false);
    Pod otherKind = ownedBy(JOB, pod("other-kind", "2025-03-10T12:00:00Z"));
    otherKind.getMetadata().getOwnerReferences().get(0).setKind("ReplicaSet");
    Pod earlierJob = ownedBy(new JobBuilder(JOB).editMetadata().withUid("uid-0").endMetadata().build(), pod("earlier", "2025-03-10T12:00:00Z"));

    for (Pod pod : List.of(labelOnly, ownerOnly, notController, otherKind, earlierJob)) {
      assertThat(JobPods.belongsTo(pod, JOB)).as(pod.getMetadata().getName()).isFalse();
    }
    assertThat(JobPods.belongsTo(ownedBy(JOB, pod("own", "2025-03-10T12:00:00Z")), JOB)).isTrue();
  }

  static Pod pod(String name, String created) {
    return new PodBuilder().withNewMetadata().withName(name).withNamespace("ns").withCreationTimestamp(created)
        .addToLabels("job-name", JOB.getMetadata().getName()).endMetadata().build();
  }

  /** {@code pod} as the Job controller makes it: controller owner and controller-uid label. */
  public static Pod ownedBy(Job job, Pod pod) {
    Pod owned = new PodBuilder(pod).editOrNewMetadata()
        .addToLabels(JobPods.CONTROLLER_UID, job.getMetadata().getUid())
        .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("batch/v1").withKind("Job")
            .withName(job.getMetadata().getName()).withUid(job.getMetadata().getUid()).withController(true)
            .withBlockOwnerDeletion(true).build())
        .endMetadata().build();
    return owned;
  }
}
