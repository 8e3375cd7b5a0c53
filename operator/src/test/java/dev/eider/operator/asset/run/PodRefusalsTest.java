package dev.eider.operator.asset.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Why a Job has no pod, from the Job controller's FailedCreate Events as v1.20 records them. */
class PodRefusalsTest {

  static final Instant T = Instant.parse("2025-03-10T12:00:00Z");
  static final Job JOB = new JobBuilder().withNewMetadata().withName("feed-a1b2").withNamespace("runs").withUid("u1").endMetadata().build();

  @Test
  void quotaRefusalIsTheAdmissionMessage() {
    Event quota = failedCreate("feed-a1b2", "u1", "Error creating: pods \"feed-a1b2-\" is forbidden: exceeded quota: no-pods, "
        + "requested: pods=1, used: pods=0, limited: pods=0", T);

    assertThat(PodRefusals.of(JOB, List.of(quota)))
        .contains("pods \"feed-a1b2-\" is forbidden: exceeded quota: no-pods, requested: pods=1, used: pods=0, limited: pods=0");
  }

  @Test
  void podSecurityPolicyAndLimitRangeRefusalsCountToo() {
    Event psp = failedCreate("feed-a1b2", "u1", "Error creating: pods \"feed-a1b2-\" is forbidden: unable to validate against any "
        + "pod security policy: [spec.containers[0].securityContext.runAsNonRoot: Required value]", T);
    Event limits = failedCreate("feed-a1b2", "u1", "Error creating: pods \"feed-a1b2-x7k2p\" is forbidden: "
        + "maximum memory usage per Container is 1Gi, but limit is 2Gi", T.plusSeconds(5));

    assertThat(PodRefusals.of(JOB, List.of(psp))).get().asString().contains("unable to validate against any pod security policy");
    assertThat(PodRefusals.of(JOB, List.of(psp, limits))).get().asString()
        .as("the newest refusal").contains("maximum memory usage per Container is 1Gi");
  }

  @Test
  void transientCreationErrorsAndOtherJobsAreNotRefusals() {
    Event timeout = failedCreate("feed-a1b2", "u1", "Error creating: Timeout: request did not complete within requested timeout 34s", T);
    Event earlierJob = failedCreate("feed-a1b2", "u0", "Error creating: pods \"feed-a1b2-\" is forbidden: exceeded quota: no-pods", T);
    Event otherReason = failedCreate("feed-a1b2", "u1", "Error creating: pods \"feed-a1b2-\" is forbidden: exceeded quota: q", T);
    otherReason.setReason("SuccessfulCreate");

    assertThat(PodRefusals.of(JOB, List.of(timeout, earlierJob, otherReason))).isEmpty();
  }

  static Event failedCreate(String job, String uid, String message, Instant at) {
    return new EventBuilder().withNewMetadata().withName(job + "." + at.getEpochSecond()).withNamespace("runs").endMetadata()
        .withNewInvolvedObject().withKind("Job").withApiVersion("batch/v1").withName(job).withNamespace("runs").withUid(uid)
        .endInvolvedObject()
        .withReason("FailedCreate").withType("Warning").withMessage(message)
        .withFirstTimestamp(at.toString()).withLastTimestamp(at.toString()).withCount(1)
        .withNewSource().withComponent("job-controller").endSource()
        .build();
  }
}
