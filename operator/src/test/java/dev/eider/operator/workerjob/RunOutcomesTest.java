package dev.eider.operator.workerjob;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eider.operator.api.asset.CheckResult;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** A run's outcome from its exit code and termination message, per the worker's contract. */
public class RunOutcomesTest {

  public static final Instant AT = Instant.parse("2025-03-10T12:00:00Z");

  @Test
  void exitZeroWithAResultSucceedsAndPublishesItsPartitions() {
    RunOutcome outcome = RunOutcomes.fromTermination(0, """
        {"command": "ingest starter-pack", "items": 2, "objectKey": "raw/pack/1.jsonl.gz", "partitions": ["did:plc:a", "did:plc:b"]}
        """, AT);

    assertThat(outcome.kind()).isEqualTo(RunOutcome.Kind.SUCCEEDED);
    assertThat(outcome.materialized()).isTrue();
    assertThat(outcome.message()).isEqualTo("2 items");
    assertThat(outcome.published()).containsExactly("did:plc:a", "did:plc:b");
    assertThat(outcome.metadata().has("partitions")).isFalse();
    assertThat(outcome.metadata().path("objectKey").asText()).isEqualTo("raw/pack/1.jsonl.gz");
    assertThat(outcome.checks()).isEmpty();
    assertThat(outcome.finishedAt()).isEqualTo(AT);
  }

  @Test
  void partitionsGzipIsUnpackedIntoThePublishedKeys() throws IOException {
    String gzip = gzipBase64("did:plc:a\ndid:plc:b\n\ndid:plc:c");

    RunOutcome outcome = RunOutcomes.fromTermination(0,
        "{\"command\": \"ingest starter-pack\", \"items\": 3, \"partitionsGzip\": \"" + gzip + "\"}", AT);

    assertThat(outcome.kind()).isEqualTo(RunOutcome.Kind.SUCCEEDED);
    assertThat(outcome.published()).containsExactly("did:plc:a", "did:plc:b", "did:plc:c");
    assertThat(outcome.metadata().has("partitionsGzip")).isFalse();
  }

  @Test
  void corruptPartitionsGzipIsAnInvalidResultNotAnException() {
    RunOutcome notBase64 = RunOutcomes.fromTermination(0, "{\"command\": \"ingest starter-pack\", \"items\": 3, \"partitionsGzip\": \"%%% not base64\"}", AT);
    RunOutcome notGzip = RunOutcomes.fromTermination(0,
        "{\"command\": \"ingest starter-pack\", \"items\": 3, \"partitionsGzip\": \"" + Base64.getEncoder().encodeToString("plain".getBytes(StandardCharsets.UTF_8)) + "\"}", AT);

    assertThat(notBase64.kind()).isEqualTo(RunOutcome.Kind.PERMANENT);
    assertThat(notBase64.reason()).isEqualTo(FailureReason.InvalidResult);
    assertThat(notBase64.message()).startsWith("invalid result: partitionsGzip is not base64");
    assertThat(notGzip.kind()).isEqualTo(RunOutcome.Kind.PERMANENT);
    assertThat(notGzip.reason()).isEqualTo(FailureReason.InvalidResult);
    assertThat(notGzip.message()).startsWith("invalid result: partitionsGzip is not gzip data");
    assertThat(notGzip.published()).isNull();
  }

  @Test
  void resultWithoutPublishedKeysPublishesNothing() {
    RunOutcome outcome = RunOutcomes.fromTermination(0, "{\"command\": \"ingest author-feed\", \"items\": 40}", AT);

    assertThat(outcome.published()).isNull();
  }

  @Test
  void exitOneWithModelsAndChecksIsMaterializedWithFailedChecks() {
    RunOutcome outcome = RunOutcomes.fromTermination(1, """
        {"command": "transform", "warehouse": "/data/eider.duckdb",
         "models": [{"name": "latest_feed", "rows": 812, "ms": 40}],
         "asset": "latest-feed", "passed": false, "error": "1 check fails the run: unique_post_uri", "warnings": 0,
         "checks": [
           {"name": "has_posts", "passed": true, "severity": "error", "blocking": true, "failingRows": 0},
           {"name": "unique_post_uri", "passed": false, "severity": "error", "blocking": true, "failingRows": 3,
            "message": "3 duplicate uri values"}]}
        """, AT);

    assertThat(outcome.kind()).isEqualTo(RunOutcome.Kind.CHECKS_FAILED);
    assertThat(outcome.materialized()).isTrue();
    assertThat(outcome.message()).isEqualTo("built latest_feed (812 rows); checks: 1 passed, 1 failed");
    assertThat(outcome.checks()).extracting(CheckResult::getName, CheckResult::getPassed, CheckResult::getFailingRows)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("has_posts", true, 0L),
            org.assertj.core.groups.Tuple.tuple("unique_post_uri", false, 3L));
    assertThat(outcome.checks().get(1).getMessage()).isEqualTo("3 duplicate uri values");
    assertThat(outcome.metadata().has("checks")).isFalse();
  }

  @Test
  void exitTwoIsPermanent() {
    RunOutcome outcome = RunOutcomes.fromTermination(2, "{\"error\": \"--actor 'x' is not a DID or handle\", \"exitCode\": 2}", AT);

    assertThat(outcome.kind()).isEqualTo(RunOutcome.Kind.PERMANENT);
    assertThat(outcome.materialized()).isFalse();
    assertThat(outcome.message()).isEqualTo("exit 2: --actor 'x' is not a DID or handle");
  }

  @Test
  void exitOneAndThreeAreRetryable() {
    assertThat(RunOutcomes.fromTermination(1, "{\"error\": \"SQL error\", \"exitCode\": 1}", AT).kind())
        .isEqualTo(RunOutcome.Kind.RETRYABLE);
    RunOutcome transientFault = RunOutcomes.fromTermination(3, "{\"error\": \"HTTP 503 from the AppView\", \"exitCode\": 3}", AT);
    assertThat(transientFault.kind()).isEqualTo(RunOutcome.Kind.RETRYABLE);
    assertThat(transientFault.message()).isEqualTo("exit 3: HTTP 503 from the AppView");
  }

  @Test
  void garbageMessageIsQuotedOnOneLine() {
    RunOutcome outcome = RunOutcomes.fromTermination(137, "Killed\n  out of\tmemory  ", AT);

    assertThat(outcome.kind()).isEqualTo(RunOutcome.Kind.RETRYABLE);
    assertThat(outcome.message()).isEqualTo("exit 137: Killed out of memory");
  }

  @Test
  void longGarbageMessageIsCut() {
    RunOutcome outcome = RunOutcomes.fromTermination(1, "x".repeat(5000), AT);

    assertThat(outcome.message()).hasSizeLessThan(320).endsWith("...");
  }

  @Test
  void emptyOrMissingMessageSaysSo() {
    assertThat(RunOutcomes.fromTermination(1, "", AT).message()).isEqualTo("exit 1: no termination message");
    assertThat(RunOutcomes.fromTermination(3, null, AT).kind()).isEqualTo(RunOutcome.Kind.RETRYABLE);
    assertThat(RunOutcomes.fromTermination(null, null, AT).kind()).isEqualTo(RunOutcome.Kind.RETRYABLE);
  }

  @Test
  void exitZeroWithoutAReadableResultIsAnInvalidResult() {
    RunOutcome outcome = RunOutcomes.fromTermination(0, "done, no JSON here", AT);

    assertThat(outcome.kind()).isEqualTo(RunOutcome.Kind.PERMANENT);
    assertThat(outcome.reason()).isEqualTo(FailureReason.InvalidResult);
    assertThat(outcome.materialized()).isFalse();
    assertThat(outcome.message()).startsWith("invalid result: the termination message is not JSON: Unrecognized token 'done'");
    assertThat(outcome.published()).isNull();
    assertThat(outcome.metadata()).isNull();
  }

  @Test
  void exitZeroWithAnEmptyMessageIsAnInvalidResult() {
    for (String empty : new String[] {"", null}) {
      RunOutcome outcome = RunOutcomes.fromTermination(0, empty, AT);

      assertThat(outcome.reason()).as("message %s", empty).isEqualTo(FailureReason.InvalidResult);
      assertThat(outcome.message()).isEqualTo("invalid result: exit 0 without a result: the termination message is empty");
    }
  }

  @Test
  void podThatExitedZeroWithGarbageIsAFailedRunNotASuccess() {
    Optional<RunOutcome> garbage = RunOutcomes.of(job("Complete", null, null), Optional.of(pod(0, "\u0000\u0001 garbage")), AT);
    Optional<RunOutcome> control = RunOutcomes.of(job("Complete", null, null),
        Optional.of(pod(0, "{\"command\": \"ingest author-feed\", \"items\": 4}")), AT);

    assertThat(garbage).get().extracting(RunOutcome::kind, RunOutcome::reason)
        .containsExactly(RunOutcome.Kind.PERMANENT, FailureReason.InvalidResult);
    assertThat(control).get().extracting(RunOutcome::kind, RunOutcome::reason, RunOutcome::message)
        .containsExactly(RunOutcome.Kind.SUCCEEDED, null, "4 items");
  }

  @Test
  void jobThatFailedOnItsDeadlineSaysSoWhateverItsPodReports() {
    Job job = job("Failed", "DeadlineExceeded", "Job was active longer than specified deadline");
    job.setSpec(new io.fabric8.kubernetes.api.model.batch.v1.JobSpecBuilder().withActiveDeadlineSeconds(3600L).build());
    Pod killed = pod(143, null);

    for (Optional<Pod> pod : List.of(Optional.<Pod>empty(), Optional.of(killed))) {
      assertThat(RunOutcomes.of(job, pod, AT.plusSeconds(1))).get().satisfies(run -> {
        assertThat(run.kind()).isEqualTo(RunOutcome.Kind.RETRYABLE);
        assertThat(run.reason()).isEqualTo(FailureReason.DeadlineExceeded);
        assertThat(run.message()).isEqualTo("run took longer than its timeout (1h): Job was active longer than specified deadline");
        assertThat(run.finishedAt()).isEqualTo(AT);
      });
    }
  }

  @Test
  void workerKilledByItsMemoryLimitNamesTheLimitAndIsRetryable() {
    Pod pod = oomKilled("512Mi", null);

    Optional<RunOutcome> outcome = RunOutcomes.of(job("Failed", "BackoffLimitExceeded", "Job has reached the specified backoff limit"),
        Optional.of(pod), AT);

    assertThat(outcome).get().satisfies(run -> {
      assertThat(run.kind()).isEqualTo(RunOutcome.Kind.RETRYABLE);
      assertThat(run.reason()).isEqualTo(FailureReason.OOMKilled);
      assertThat(run.message()).isEqualTo("worker killed by its memory limit (512Mi)");
    });
  }

  @Test
  void oomKillWithoutAMemoryLimitBlamesTheNode() {
    assertThat(RunOutcomes.of(job("Failed", "BackoffLimitExceeded", null), Optional.of(oomKilled(null, null)), AT))
        .get().extracting(RunOutcome::message).isEqualTo("worker killed by its memory limit (none set: the node ran out of memory)");
  }

  @Test
  void oomKilledWorkerThatWroteItsErrorIsReadAsTheWorkerSaid() {
    Pod pod = oomKilled("512Mi", "{\"error\": \"DuckDB: out of memory\", \"exitCode\": 1}");

    assertThat(RunOutcomes.of(job("Failed", "BackoffLimitExceeded", null), Optional.of(pod), AT)).get()
        .extracting(RunOutcome::reason, RunOutcome::message).containsExactly(null, "exit 137: DuckDB: out of memory");
  }

  @Test
  void evictedPodNamesTheEviction() {
    Pod evicted = new PodBuilder().withNewStatus().withPhase("Failed").withReason("Evicted")
        .withMessage("The node was low on resource: memory. Container worker was using 1153844Ki, which exceeds its request of 256Mi. ")
        .endStatus().build();

    assertThat(RunOutcomes.of(job("Failed", "BackoffLimitExceeded", null), Optional.of(evicted), AT.plusSeconds(1))).get()
        .satisfies(run -> {
          assertThat(run.kind()).isEqualTo(RunOutcome.Kind.RETRYABLE);
          assertThat(run.reason()).isEqualTo(FailureReason.Evicted);
          assertThat(run.message()).isEqualTo("pod evicted by the kubelet: The node was low on resource: memory. "
              + "Container worker was using 1153844Ki, which exceeds its request of 256Mi.");
        });
  }

  @Test
  void containerThatCouldNotRunIsAConfigRefusal() {
    Pod pod = new PodBuilder().withNewStatus().withPhase("Failed").addNewContainerStatus().withName("worker").withNewState()
        .withNewTerminated().withExitCode(128).withReason("ContainerCannotRun")
        .withMessage("OCI runtime create failed: container_linux.go:367: starting container process caused: exec: \"java\": "
            + "executable file not found in $PATH: unknown")
        .endTerminated().endState().endContainerStatus().endStatus().build();

    assertThat(RunOutcomes.of(job("Failed", "BackoffLimitExceeded", null), Optional.of(pod), AT)).get()
        .extracting(RunOutcome::reason, RunOutcome::message).containsExactly(FailureReason.ContainerConfigRefused,
            "container could not start (ContainerCannotRun): OCI runtime create failed: container_linux.go:367: starting container "
                + "process caused: exec: \"java\": executable file not found in $PATH: unknown");
  }

  @Test
  void plainWorkerFailureHasNoKubernetesReason() {
    assertThat(RunOutcomes.of(job("Failed", "BackoffLimitExceeded", null), Optional.of(pod(137, null)), AT)).get()
        .extracting(RunOutcome::reason, RunOutcome::message).containsExactly(null, "exit 137: no termination message");
  }

  @Test
  void completedJobWhosePodIsGoneSucceedsWithoutAResult() {
    Optional<RunOutcome> outcome = RunOutcomes.of(job("Complete", null, null), Optional.empty(), AT.plus(RunOutcomes.POD_GRACE));

    assertThat(outcome).get().extracting(RunOutcome::kind).isEqualTo(RunOutcome.Kind.SUCCEEDED);
  }

  @Test
  void justFinishedJobWaitsForItsPodsFinalStatus() {
    Job failed = job("Failed", "BackoffLimitExceeded", "Job has reached the specified backoff limit");

    assertThat(RunOutcomes.of(failed, Optional.empty(), AT.plusSeconds(1))).isEmpty();
    assertThat(RunOutcomes.of(failed, Optional.of(new PodBuilder().withNewStatus().withPhase("Running").endStatus().build()),
        AT.plusSeconds(1))).isEmpty();
  }

  @Test
  void unfinishedJobHasNoOutcome() {
    Job running = new JobBuilder().withNewMetadata().withName("j").endMetadata().withNewStatus().withActive(1).endStatus().build();

    assertThat(RunOutcomes.of(running, Optional.empty(), AT)).isEmpty();
  }

  @Test
  void finishedJobIsReadFromItsWorkerContainer() {
    Pod pod = pod(3, "{\"error\": \"rate limited\", \"exitCode\": 3}");

    Optional<RunOutcome> outcome = RunOutcomes.of(job("Failed", "BackoffLimitExceeded", "Job has reached the specified backoff limit"),
        Optional.of(pod), AT);

    assertThat(outcome).get().extracting(RunOutcome::message).isEqualTo("exit 3: rate limited");
  }

  public static Job job(String condition, String reason, String message) {
    return new JobBuilder().withNewMetadata().withName("j").withCreationTimestamp("2025-03-10T11:50:00Z").endMetadata()
        .withNewStatus().addNewCondition().withType(condition).withStatus("True").withReason(reason).withMessage(message)
        .withLastTransitionTime(AT.toString()).endCondition().endStatus().build();
  }

  public static Pod pod(int exitCode, String message) {
    return new PodBuilder().withNewMetadata().withName("j-x1y2z").endMetadata().withNewStatus().withPhase(exitCode == 0 ? "Succeeded" : "Failed")
        .addNewContainerStatus().withName("worker").withNewState().withNewTerminated().withExitCode(exitCode).withMessage(message)
        .endTerminated().endState().endContainerStatus().endStatus().build();
  }

  static Pod oomKilled(String memoryLimit, String message) {
    PodBuilder pod = new PodBuilder().withNewMetadata().withName("j-x1y2z").endMetadata();
    pod.withNewSpec().addNewContainer().withName("worker").withImage("ghcr.io/eider/worker:0.1.0")
        .withNewResources().addToRequests("memory", new io.fabric8.kubernetes.api.model.Quantity("256Mi"))
        .addToLimits(memoryLimit == null ? java.util.Map.of() : java.util.Map.of("memory", new io.fabric8.kubernetes.api.model.Quantity(memoryLimit)))
        .endResources().endContainer().endSpec();
    return pod.withNewStatus().withPhase("Failed").addNewContainerStatus().withName("worker").withNewState().withNewTerminated()
        .withExitCode(137).withReason("OOMKilled").withMessage(message).endTerminated().endState().endContainerStatus().endStatus().build();
  }

  public static String gzipBase64(String text) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
      gzip.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return Base64.getEncoder().encodeToString(bytes.toByteArray());
  }
}
