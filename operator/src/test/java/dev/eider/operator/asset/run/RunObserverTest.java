package dev.eider.operator.asset.run;

import dev.eider.operator.workerjob.JobPodsTest;
import dev.eider.operator.workerjob.RunOutcomesTest;
import dev.eider.operator.workerjob.FailureReason;
import dev.eider.operator.workerjob.RunOutcome;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eider.operator.asset.state.PartitionState;
import dev.eider.operator.asset.state.PartitionState.Phase;
import dev.eider.operator.asset.state.PartitionStates;
import dev.eider.operator.platform.TestEiderConfig;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the runs of an asset did, read from their Jobs and pods into partition states. */
class RunObserverTest {

  static final String ASSET = "actor-feed-snapshot";
  static final Instant NOW = Instant.parse("2025-03-10T12:00:00Z");
  static final Instant LAUNCHED = NOW.minus(Duration.ofMinutes(5));

  final RunObserver observer = new RunObserver(Duration.ofMinutes(10), Duration.ofMinutes(2));
  final RetryPolicy retry = new RetryPolicy(RetryPolicyTest.retry(3, "30s", 2.0, "10m", 0.0), new TestEiderConfig().runs);
  final PartitionStates states = PartitionStates.empty();
  final Map<String, Job> jobs = new HashMap<>();
  final Map<String, Pod> pods = new HashMap<>();
  final Map<String, List<Pod>> strangers = new HashMap<>();
  final Map<String, List<Event>> jobEvents = new HashMap<>();

  @Test
  void finishedJobBecomesTheStateOfItsPartition() {
    PartitionState running = launch("a", 1);
    finish(running, "Complete", 0, "{\"command\": \"ingest author-feed\", \"items\": 12}");

    RunObserver.Observation observation = observe();

    assertThat(observation.finished()).singleElement().satisfies(run -> {
      assertThat(run.key()).isEqualTo("a");
      assertThat(run.job()).isEqualTo(JobNames.of(ASSET, "a", 1));
      assertThat(run.outcome().kind()).isEqualTo(dev.eider.operator.workerjob.RunOutcome.Kind.SUCCEEDED);
    });
    assertThat(states.get("a").phase()).isEqualTo(Phase.SUCCEEDED);
    // The operator's clock at recording (milliseconds), not the Job's finish time (whole seconds).
    assertThat(states.get("a").materializedAt()).isEqualTo(NOW);
    assertThat(observation.finished().get(0).outcome().finishedAt()).isEqualTo(NOW.minusSeconds(10));
    assertThat(observation.stuck()).isEmpty();
    assertThat(observation.missingJobs()).isEmpty();
  }

  @Test
  void aForgedPodClaimingTheJobCannotReplaceItsResult() {
    PartitionState running = launch("a", 1);
    finish(running, "Complete", 0, "{\"command\": \"ingest author-feed\", \"items\": 12, \"partitions\": [\"did:plc:real\"]}");
    strangers.put(JobNames.of(ASSET, "a", 1), List.of(forged(JobNames.of(ASSET, "a", 1),
        "{\"command\": \"ingest author-feed\", \"items\": 1, \"partitions\": [\"did:plc:forged\"]}")));

    RunObserver.Observation observation = observe();

    assertThat(observation.finished()).singleElement()
        .satisfies(run -> assertThat(run.outcome().published()).containsExactly("did:plc:real"));
  }

  @Test
  void aForgedPodAloneIsNoResult() {
    PartitionState running = launch("a", 1);
    Job job = job(running, NOW.minusSeconds(20));
    strangers.put(job.getMetadata().getName(), List.of(forged(job.getMetadata().getName(), "{\"command\": \"ingest author-feed\", \"items\": 1}")));

    RunObserver.Observation observation = observe();

    // Unfinished Job, no pod of its own: still waiting for the pod to start.
    assertThat(observation.finished()).isEmpty();
    assertThat(states.get("a").running()).isTrue();
    assertThat(observation.nextPendingDeadline()).contains(NOW.minusSeconds(20).plus(Duration.ofMinutes(10)));
  }

  @Test
  void retryableFailureIsRetriedAfterTheBackoff() {
    PartitionState running = launch("a", 1);
    finish(running, "Failed", 3, "{\"error\": \"HTTP 503\", \"exitCode\": 3}");

    observe();

    PartitionState after = states.get("a");
    assertThat(after.phase()).isEqualTo(Phase.RETRYING);
    assertThat(after.nextAttemptAt()).isEqualTo(NOW.plusSeconds(30));
    assertThat(after.error()).isEqualTo("exit 3: HTTP 503");
  }

  @Test
  void retryableFailureOfTheLastAttemptFailsForGood() {
    PartitionState third = PartitionState.never("a").launched(LAUNCHED, false, null).launched(LAUNCHED, true, null)
        .launched(LAUNCHED, true, null);
    states.put(third);
    finish(third, "Failed", 1, "{\"error\": \"SQL error\", \"exitCode\": 1}");

    observe();

    assertThat(third.attempt()).isEqualTo(3);
    assertThat(states.get("a").phase()).isEqualTo(Phase.FAILED);
    assertThat(states.get("a").error()).isEqualTo("exit 1: SQL error (attempt 3 of 3)");
  }

  @Test
  void permanentFailureIsNeverRetried() {
    PartitionState running = launch("a", 1);
    finish(running, "Failed", 2, "{\"error\": \"bad actor\", \"exitCode\": 2}");

    observe();

    assertThat(states.get("a").phase()).isEqualTo(Phase.FAILED);
    assertThat(states.get("a").nextAttemptAt()).isNull();
  }

  @Test
  void failedChecksStillCountAsMaterialized() {
    PartitionState running = launch("", 1);
    finish(running, "Failed", 1, "{\"command\": \"transform\", \"models\": [{\"name\": \"m\", \"rows\": 1}], \"checks\": [{\"name\": \"c\", \"passed\": false}]}");

    observe();

    assertThat(states.get("").phase()).isEqualTo(Phase.SUCCEEDED);
    assertThat(states.get("").materializedAt()).isEqualTo(NOW);
  }

  @Test
  void runStuckPendingPastTheTimeoutIsDeletedAndRetried() {
    PartitionState running = launch("a", 1);
    Job job = job(running, NOW.minus(Duration.ofMinutes(11)));
    pods.put(job.getMetadata().getName(), new PodBuilder().withNewStatus().withPhase("Pending").addNewContainerStatus()
        .withName("worker").withNewState().withNewWaiting().withReason("ContainerCreating")
        .endWaiting().endState().endContainerStatus().endStatus().build());

    RunObserver.Observation observation = observe();

    assertThat(observation.stuck()).containsExactly(job);
    assertThat(observation.finished()).singleElement().satisfies(run ->
        assertThat(run.outcome().message()).isEqualTo("pod did not start within 10m (ContainerCreating)"));
    assertThat(states.get("a").phase()).isEqualTo(Phase.RETRYING);
  }

  @Test
  void jobWithoutAPodPastTheTimeoutIsStuckToo() {
    PartitionState running = launch("a", 1);
    job(running, NOW.minus(Duration.ofMinutes(10)));

    RunObserver.Observation observation = observe();

    assertThat(observation.stuck()).hasSize(1);
    assertThat(observation.finished().get(0).outcome().message()).contains("no pod was created");
  }

  @Test
  void pendingRunWithinTheTimeoutReportsItsDeadline() {
    PartitionState a = launch("a", 1);
    PartitionState b = launch("b", 1);
    job(a, NOW.minus(Duration.ofMinutes(2)));
    job(b, NOW.minus(Duration.ofMinutes(4)));

    RunObserver.Observation observation = observe();

    assertThat(observation.finished()).isEmpty();
    assertThat(observation.stuck()).isEmpty();
    assertThat(observation.nextPendingDeadline()).contains(NOW.plus(Duration.ofMinutes(6)));
    assertThat(states.get("a").running()).isTrue();
  }

  @Test
  void runningPodIsLeftAloneWhateverItsAge() {
    PartitionState running = launch("a", 1);
    Job job = job(running, NOW.minus(Duration.ofHours(3)));
    pods.put(job.getMetadata().getName(), new PodBuilder().withNewStatus().withPhase("Running").endStatus().build());

    RunObserver.Observation observation = observe();

    assertThat(observation.finished()).isEmpty();
    assertThat(observation.stuck()).isEmpty();
    assertThat(observation.nextPendingDeadline()).isEmpty();
  }

  @Test
  void runRecordedMomentsAgoWithoutItsJobIsHandedBackForCreation() {
    PartitionState running = PartitionState.never("a").launched(NOW.minusSeconds(5), false, null);
    states.put(running);

    RunObserver.Observation observation = observe();

    assertThat(observation.missingJobs()).containsExactly(running);
    assertThat(states.get("a")).isEqualTo(running);
  }

  @Test
  void jobThatDisappearedAfterRunningIsAFailedAttemptNeverRecreated() {
    launch("a", 1);

    RunObserver.Observation observation = observe();

    assertThat(observation.missingJobs()).isEmpty();
    assertThat(observation.finished()).singleElement().satisfies(run -> {
      assertThat(run.outcome().kind()).isEqualTo(RunOutcome.Kind.RETRYABLE);
      assertThat(run.outcome().message()).contains("was deleted before its result was read");
    });
    assertThat(states.get("a").phase()).isEqualTo(PartitionState.Phase.RETRYING);
  }

  @Test
  void jobOfAnEarlierRunIsNotMistakenForTheCurrentOne() {
    PartitionState first = launch("a", 1);
    finish(first, "Complete", 0, "{\"command\": \"ingest author-feed\", \"items\": 1}");
    states.put(first.succeeded(NOW).launched(NOW, false, null));

    RunObserver.Observation observation = observe();

    assertThat(observation.finished()).isEmpty();
    assertThat(observation.missingJobs()).extracting(PartitionState::seq).containsExactly(2L);
  }

  @Test
  void partitionsNotRunningAreNotLookedAt() {
    states.put(PartitionState.never("a").launched(LAUNCHED, false, null).succeeded(NOW));

    RunObserver.Observation observation = observe();

    assertThat(observation.finished()).isEmpty();
    assertThat(observation.missingJobs()).isEmpty();
  }

  // --- runs that cannot start ---

  @Test
  void imageThatCannotExistFailsTheRunAtOnceWithoutRetry() {
    PartitionState running = launch("a", 1);
    Job job = job(running, NOW.minusSeconds(20));
    pods.put(job.getMetadata().getName(), waiting(NOW.minusSeconds(19), "ghcr.io/eider/worker:0.2.0", "ErrImageNeverPull",
        "Container image \"ghcr.io/eider/worker:0.2.0\" is not present with pull policy of Never"));

    RunObserver.Observation observation = observe();

    assertThat(observation.stuck()).containsExactly(job);
    assertThat(observation.finished()).singleElement().satisfies(run -> {
      assertThat(run.outcome().kind()).isEqualTo(RunOutcome.Kind.PERMANENT);
      assertThat(run.outcome().reason()).isEqualTo(FailureReason.ImageUnavailable);
    });
    PartitionState after = states.get("a");
    assertThat(after.phase()).isEqualTo(Phase.FAILED);
    assertThat(after.reason()).isEqualTo("ImageUnavailable");
    assertThat(after.error()).isEqualTo("image ghcr.io/eider/worker:0.2.0 is unavailable (ErrImageNeverPull): "
        + "Container image \"ghcr.io/eider/worker:0.2.0\" is not present with pull policy of Never");
  }

  @Test
  void imagePullFailureIsReportedAtOnceAndFailsTheAttemptOnlyAfterTheGrace() {
    PartitionState running = launch("a", 1);
    Job job = job(running, NOW.minusSeconds(31));
    Instant podCreated = NOW.minusSeconds(30);
    pods.put(job.getMetadata().getName(), waiting(podCreated, "registry.example/eider/worker:1", "ImagePullBackOff",
        "Back-off pulling image \"registry.example/eider/worker:1\""));

    RunObserver.Observation observation = observe();

    assertThat(observation.finished()).isEmpty();
    assertThat(observation.stuck()).isEmpty();
    assertThat(observation.stalled()).singleElement().isEqualTo(new RunObserver.Stalled("a", job.getMetadata().getName(),
        FailureReason.ImageUnavailable,
        "image registry.example/eider/worker:1 cannot be pulled: Back-off pulling image \"registry.example/eider/worker:1\"",
        podCreated.plus(Duration.ofMinutes(2))));
    assertThat(observation.nextPendingDeadline()).contains(podCreated.plus(Duration.ofMinutes(2)));
    assertThat(states.get("a").running()).isTrue();
  }

  @Test
  void imagePullStillFailingAfterTheGraceFailsTheAttemptAndRetries() {
    PartitionState running = launch("a", 1);
    Job job = job(running, NOW.minusSeconds(121));
    pods.put(job.getMetadata().getName(), waiting(NOW.minusSeconds(120), "registry.example/eider/worker:1", "ErrImagePull",
        "rpc error: code = Unknown desc = Error response from daemon: manifest for registry.example/eider/worker:1 not found"));

    RunObserver.Observation observation = observe();

    assertThat(observation.stuck()).containsExactly(job);
    assertThat(observation.stalled()).isEmpty();
    PartitionState after = states.get("a");
    assertThat(after.phase()).isEqualTo(Phase.RETRYING);
    assertThat(after.nextAttemptAt()).isEqualTo(NOW.plusSeconds(30));
    assertThat(after.reason()).isEqualTo("ImageUnavailable");
    assertThat(after.error()).isEqualTo("image registry.example/eider/worker:1 cannot be pulled: rpc error: code = Unknown desc = "
        + "Error response from daemon: manifest for registry.example/eider/worker:1 not found (still failing after 2m)");
  }

  @Test
  void containerTheKubeletRefusesFailsTheAttemptAtOnceAndIsRetriedPerThePolicy() {
    PartitionState running = launch("a", 1);
    Job job = job(running, NOW.minusSeconds(5));
    pods.put(job.getMetadata().getName(), waiting(NOW.minusSeconds(4), "ghcr.io/eider/worker:0.1.0", "CreateContainerConfigError",
        "container has runAsNonRoot and image will run as root (pod: \"x_runs(3f2a)\", container: worker)"));

    RunObserver.Observation observation = observe();

    assertThat(observation.stuck()).containsExactly(job);
    assertThat(observation.finished()).singleElement().satisfies(run -> {
      assertThat(run.outcome().kind()).isEqualTo(RunOutcome.Kind.RETRYABLE);
      assertThat(run.outcome().reason()).isEqualTo(FailureReason.ContainerConfigRefused);
      assertThat(run.outcome().message()).isEqualTo("container worker refused by the kubelet (CreateContainerConfigError): "
          + "container has runAsNonRoot and image will run as root (pod: \"x_runs(3f2a)\", container: worker)");
    });
    assertThat(states.get("a").phase()).isEqualTo(Phase.RETRYING);
  }

  @Test
  void refusedContainerOnTheLastAttemptFailsForGoodKeepingItsReason() {
    PartitionState third = PartitionState.never("a").launched(LAUNCHED, false, null).launched(LAUNCHED, true, null)
        .launched(LAUNCHED, true, null);
    states.put(third);
    Job job = job(third, NOW.minusSeconds(5));
    pods.put(job.getMetadata().getName(), waiting(NOW.minusSeconds(4), "ghcr.io/eider/worker:0.1.0", "CreateContainerConfigError",
        "couldn't find key BLUESKY_PASSWORD in Secret runs/bluesky"));

    observe();

    assertThat(states.get("a").phase()).isEqualTo(Phase.FAILED);
    assertThat(states.get("a").reason()).isEqualTo("ContainerConfigRefused");
    assertThat(states.get("a").error()).endsWith("couldn't find key BLUESKY_PASSWORD in Secret runs/bluesky (attempt 3 of 3)");
  }

  @Test
  void jobWhosePodAdmissionRefusedFailsTheAttemptWithTheAdmissionMessage() {
    PartitionState running = launch("a", 1);
    Job job = job(running, NOW.minusSeconds(3));
    refused(job, job.getMetadata().getUid(), "Error creating: pods \"" + job.getMetadata().getName() + "-\" is forbidden: "
        + "exceeded quota: no-pods, requested: pods=1, used: pods=0, limited: pods=0");

    RunObserver.Observation observation = observe();

    assertThat(observation.stuck()).containsExactly(job);
    assertThat(observation.finished()).singleElement().satisfies(run -> {
      assertThat(run.outcome().reason()).isEqualTo(FailureReason.PodRefused);
      assertThat(run.outcome().message()).isEqualTo("pod refused by admission: pods \"" + job.getMetadata().getName() + "-\" is forbidden: "
          + "exceeded quota: no-pods, requested: pods=1, used: pods=0, limited: pods=0");
    });
    assertThat(states.get("a").phase()).isEqualTo(Phase.RETRYING);
    assertThat(states.get("a").reason()).isEqualTo("PodRefused");
  }

  @Test
  void refusalOfAnEarlierJobOfTheSameNameIsNotThisJobs() {
    PartitionState running = launch("a", 1);
    Job job = job(running, NOW.minusSeconds(3));
    refused(job, "uid-of-a-deleted-job", "Error creating: pods \"x-\" is forbidden: exceeded quota: no-pods");

    RunObserver.Observation observation = observe();

    assertThat(observation.finished()).isEmpty();
    assertThat(observation.stuck()).isEmpty();
    assertThat(observation.nextPendingDeadline()).contains(NOW.minusSeconds(3).plus(Duration.ofMinutes(10)));
  }

  // --- helpers ---

  @Test
  void pendingTimeoutsUnderAMinuteAreNamedInSeconds() {
    for (Map.Entry<Duration, String> timeout : Map.of(Duration.ofSeconds(45), "45s", Duration.ofSeconds(90), "1m30s",
        Duration.ofMinutes(10), "10m", Duration.ofMinutes(61), "1h1m").entrySet()) {
      states.remove("a");
      jobs.clear();
      pods.clear();
      PartitionState running = launch("a", 1);
      Job job = job(running, NOW.minus(timeout.getKey()).minusSeconds(1));
      pods.put(job.getMetadata().getName(), new PodBuilder().withNewStatus().withPhase("Pending").addNewContainerStatus()
          .withName("worker").withNewState().withNewWaiting().withReason("ContainerCreating")
          .endWaiting().endState().endContainerStatus().endStatus().build());

      RunObserver.Observation observation = observe(new RunObserver(timeout.getKey(), Duration.ofMinutes(2)));

      assertThat(observation.finished()).singleElement().satisfies(run -> assertThat(run.outcome().message())
          .isEqualTo("pod did not start within " + timeout.getValue() + " (ContainerCreating)"));
    }
  }

  RunObserver.Observation observe() {
    return observe(observer);
  }

  RunObserver.Observation observe(RunObserver observer) {
    RunObserver.Cluster cluster = new RunObserver.Cluster() {
      // The pods in `pods` are the ones the Job controller made; `strangers` only carry the label.
      @Override
      public List<Pod> podsLabelled(String job) {
        List<Pod> labelled = new java.util.ArrayList<>(strangers.getOrDefault(job, List.of()));
        Optional.ofNullable(pods.get(job)).ifPresent(pod -> labelled.add(JobPodsTest.ownedBy(jobs.get(job), pod)));
        return labelled;
      }

      @Override
      public List<Event> eventsOf(Job job) {
        return jobEvents.getOrDefault(job.getMetadata().getName(), List.of());
      }
    };
    return observer.observe(ASSET, states, jobs, cluster, retry, java.util.Set.of("unique_uri"), NOW);
  }

  PartitionState launch(String key, long seq) {
    PartitionState state = PartitionState.never(key);
    for (long i = 0; i < seq; i++) {
      state = state.launched(LAUNCHED, false, null);
    }
    states.put(state);
    return state;
  }

  Job job(PartitionState state, Instant created) {
    String name = JobNames.of(ASSET, state.key(), state.seq());
    Job job = new JobBuilder().withNewMetadata().withName(name).withUid("uid-" + name)
        .withCreationTimestamp(created.toString()).endMetadata().build();
    jobs.put(job.getMetadata().getName(), job);
    return job;
  }

  void finish(PartitionState state, String condition, int exitCode, String message) {
    Job job = job(state, LAUNCHED);
    job.setStatus(RunOutcomesTest.job(condition, null, null).getStatus());
    job.getStatus().getConditions().get(0).setLastTransitionTime(NOW.minusSeconds(10).toString());
    pods.put(job.getMetadata().getName(), RunOutcomesTest.pod(exitCode, message));
  }

  /** A pod anyone may create: the Job's name as label, a newer creation time, a terminated worker with its own message. */
  static Pod forged(String job, String message) {
    Pod pod = RunOutcomesTest.pod(0, message);
    pod.getMetadata().setName("forged");
    pod.getMetadata().setCreationTimestamp(NOW.toString());
    pod.getMetadata().setLabels(new java.util.HashMap<>(Map.of("job-name", job)));
    return pod;
  }

  static Pod waiting(Instant created, String image, String reason, String message) {
    return new PodBuilder().withNewMetadata().withName("p").withCreationTimestamp(created.toString()).endMetadata()
        .withNewSpec().addNewContainer().withName("worker").withImage(image).endContainer().endSpec()
        .withNewStatus().withPhase("Pending").addNewContainerStatus().withName("worker").withImage(image)
        .withNewState().withNewWaiting().withReason(reason).withMessage(message).endWaiting().endState()
        .endContainerStatus().endStatus().build();
  }

  void refused(Job job, String uid, String message) {
    jobEvents.computeIfAbsent(job.getMetadata().getName(), name -> new java.util.ArrayList<>()).add(PodRefusalsTest.failedCreate(
        job.getMetadata().getName(), uid, message, NOW.minusSeconds(1)));
  }
}
