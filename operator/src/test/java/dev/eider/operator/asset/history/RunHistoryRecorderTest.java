package dev.eider.operator.asset.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eider.operator.api.asset.Asset;
import dev.eider.operator.workerjob.FailureReason;
import dev.eider.operator.asset.run.RunObserver;
import dev.eider.operator.workerjob.RunOutcome;
import dev.eider.operator.asset.state.ConfigMapCache;
import dev.eider.operator.asset.state.PartitionState;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every finished run is recorded once, with its log tail or the reason there is none. */
class RunHistoryRecorderTest {

  static final Instant LAUNCHED = Instant.parse("2026-12-06T08:00:00Z");
  static final Instant STARTED = Instant.parse("2026-12-06T08:00:02Z");
  static final Instant FINISHED = Instant.parse("2026-12-06T08:00:40Z");

  LogApiServer server;
  KubernetesClient client;
  final Map<String, ConfigMap> cache = new HashMap<>();
  final Map<String, Job> jobs = new HashMap<>();
  final Map<String, Pod> pods = new HashMap<>();
  RunHistoryRecorder recorder;
  RunHistoryStore store;

  @BeforeEach
  void start() throws Exception {
    server = new LogApiServer();
    client = server.client();
    ConfigMapCache configMaps = new ConfigMapCache() {
      @Override
      public Optional<ConfigMap> get(String namespace, String name) {
        return Optional.ofNullable(cache.get(namespace + "/" + name));
      }

      @Override
      public void written(ConfigMap configMap, ConfigMap previous) {
        cache.put(configMap.getMetadata().getNamespace() + "/" + configMap.getMetadata().getName(), configMap);
      }
    };
    store = new RunHistoryStore(client, configMaps);
    recorder = new RunHistoryRecorder(store, new RunLogReader(client));
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  final RunObserver.Cluster cluster = new RunObserver.Cluster() {
    @Override
    public List<Pod> podsLabelled(String job) {
      return pods.containsKey(job) ? List.of(pods.get(job)) : List.of();
    }

    @Override
    public List<Event> eventsOf(Job job) {
      return List.of();
    }
  };

  static Asset asset() {
    Asset asset = new Asset();
    asset.setMetadata(new ObjectMetaBuilder().withName("sales").withNamespace("shop").withUid("asset-uid").build());
    return asset;
  }

  static RunObserver.Finished finished(String key, String job, int attempt, RunOutcome outcome) {
    PartitionState after = PartitionState.never(key).launched(LAUNCHED, false, null);
    for (int i = 1; i < attempt; i++) {
      after = after.launched(LAUNCHED, true, null);
    }
    return new RunObserver.Finished(key, job, outcome, after);
  }

  Job job(String name, String trigger) {
    Job job = new JobBuilder().withNewMetadata().withName(name).withNamespace("shop").withUid(name + "-uid")
        .addToAnnotations("eider.dev/trigger", trigger).endMetadata()
        .withNewStatus().withStartTime(STARTED.toString()).endStatus().build();
    jobs.put(name, job);
    return job;
  }

  /** The Job's own pod, its worker terminated with {@code exitCode}. */
  void pod(Job job, String podName, int exitCode) {
    pods.put(job.getMetadata().getName(), new PodBuilder().withNewMetadata().withName(podName).withNamespace("shop")
        .addToLabels("controller-uid", job.getMetadata().getUid()).addToLabels("job-name", job.getMetadata().getName())
        .addNewOwnerReference().withApiVersion("batch/v1").withKind("Job").withName(job.getMetadata().getName())
        .withUid(job.getMetadata().getUid()).withController(true).endOwnerReference().endMetadata()
        .withNewStatus().withPhase(exitCode == 0 ? "Succeeded" : "Failed").addNewContainerStatus().withName("worker")
        .withNewState().withNewTerminated().withExitCode(exitCode).withStartedAt(STARTED.toString())
        .withFinishedAt(FINISHED.toString()).endTerminated().endState().endContainerStatus().endStatus().build());
  }

  RunHistory stored() {
    ObjectNode last = server.written.get(server.written.size() - 1);
    ConfigMap configMap = Serialization.unmarshal(last.toString(), ConfigMap.class);
    return RunHistory.fromData(configMap.getData(), configMap.getMetadata().getName());
  }

  @Test
  void aFinishedRunIsRecordedWithItsLogTailInTheAssetsOwnConfigMap() {
    pod(job("sales-3f0a-1", "CRON"), "sales-3f0a-1-x7k2p", 0);
    server.logs.put("sales-3f0a-1-x7k2p", params -> LogApiServer.Answer.log("loading 2 objects\nbuilt sales (42 rows)\n"));
    RunOutcome outcome = new RunOutcome(RunOutcome.Kind.SUCCEEDED, "built sales (42 rows)", null, null, List.of(), FINISHED);

    recorder.record(asset(), List.of(finished("2026-12-05", "sales-3f0a-1", 1, outcome)), jobs, cluster);

    assertThat(server.written).singleElement().satisfies(configMap -> {
      assertThat(configMap.at("/metadata/name").asText()).isEqualTo("sales-runs");
      assertThat(configMap.at("/metadata/namespace").asText()).isEqualTo("shop");
      assertThat(configMap.at("/metadata/labels/eider.dev~1state-of").asText()).isEqualTo("sales");
      assertThat(configMap.at("/metadata/labels/app.kubernetes.io~1managed-by").asText()).isEqualTo("eider-operator");
      assertThat(configMap.at("/metadata/labels/app.kubernetes.io~1component").asText()).isEqualTo("run-history");
      assertThat(configMap.at("/metadata/ownerReferences/0/uid").asText()).isEqualTo("asset-uid");
      assertThat(configMap.at("/metadata/ownerReferences/0/kind").asText()).isEqualTo("Asset");
    });
    assertThat(stored().runs()).containsExactly(new RunRecord("sales-3f0a-1", List.of("2026-12-05"), 1, 1, "CRON", STARTED, FINISHED,
        "SUCCEEDED", null, 0, "built sales (42 rows)", "loading 2 objects\nbuilt sales (42 rows)\n"));
  }

  @Test
  void aRunAlreadyRecordedIsNeitherReadNorWrittenAgain() {
    pod(job("sales-3f0a-1", "MANUAL"), "sales-3f0a-1-x7k2p", 0);
    server.logs.put("sales-3f0a-1-x7k2p", params -> LogApiServer.Answer.log("done\n"));
    RunOutcome outcome = new RunOutcome(RunOutcome.Kind.SUCCEEDED, "done", null, null, List.of(), FINISHED);
    List<RunObserver.Finished> runs = List.of(finished("", "sales-3f0a-1", 1, outcome));

    recorder.record(asset(), runs, jobs, cluster);
    recorder.record(asset(), runs, jobs, cluster);

    assertThat(server.written).hasSize(1);
    assertThat(server.logRequests).hasSize(1);
    assertThat(store.load(asset()).runs()).extracting(RunRecord::job).containsExactly("sales-3f0a-1");
  }

  @Test
  void aNewRunIsAddedBeforeTheOlderOnes() {
    pod(job("sales-3f0a-1", "CRON"), "p1", 0);
    pod(job("sales-3f0a-2", "CRON"), "p2", 0);
    server.logs.put("p1", params -> LogApiServer.Answer.log("one\n"));
    server.logs.put("p2", params -> LogApiServer.Answer.log("two\n"));
    RunOutcome ok = new RunOutcome(RunOutcome.Kind.SUCCEEDED, "done", null, null, List.of(), FINISHED);

    recorder.record(asset(), List.of(finished("a", "sales-3f0a-1", 1, ok)), jobs, cluster);
    recorder.record(asset(), List.of(finished("a", "sales-3f0a-2", 1, ok)), jobs, cluster);

    assertThat(stored().runs()).extracting(RunRecord::job, RunRecord::logTail)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("sales-3f0a-2", "two\n"), org.assertj.core.groups.Tuple.tuple("sales-3f0a-1", "one\n"));
  }

  @Test
  void badInputIsRecordedAsPermanentWithExitCodeTwoAndItsMessage() {
    pod(job("sales-77b1-3", "RETRY"), "sales-77b1-3-abcde", 2);
    server.logs.put("sales-77b1-3-abcde", params -> LogApiServer.Answer.log("error: model sales, line 3: unknown column price\n"));
    RunOutcome outcome = new RunOutcome(RunOutcome.Kind.PERMANENT, "exit 2: model sales, line 3: unknown column price", null, null,
        List.of(), FINISHED);

    recorder.record(asset(), List.of(finished("k", "sales-77b1-3", 2, outcome)), jobs, cluster);

    assertThat(stored().runs()).containsExactly(new RunRecord("sales-77b1-3", List.of("k"), 1, 2, "RETRY", STARTED, FINISHED,
        "PERMANENT", null, 2, "exit 2: model sales, line 3: unknown column price",
        "error: model sales, line 3: unknown column price\n"));
  }

  @Test
  void aRefusedLogReadIsRecordedWithoutATailAndSaysWhy() {
    pod(job("sales-3f0a-1", "CRON"), "sales-3f0a-1-x7k2p", 1);
    server.logs.put("sales-3f0a-1-x7k2p", params -> LogApiServer.Answer.error(403, "Forbidden", "cannot get resource \"pods/log\""));
    RunOutcome outcome = new RunOutcome(RunOutcome.Kind.RETRYABLE, "exit 1: S3 refused the upload", null, null, List.of(), FINISHED);

    recorder.record(asset(), List.of(finished("a", "sales-3f0a-1", 1, outcome)), jobs, cluster);

    RunRecord run = stored().runs().get(0);
    assertThat(run.logTail()).isNull();
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.message()).isEqualTo(
        "exit 1: S3 refused the upload; log not read: the operator may not get pods/log in namespace shop (403 Forbidden)");
  }

  @Test
  void aHugeLogIsKeptAsABoundedTail() {
    pod(job("sales-3f0a-1", "CRON"), "p", 0);
    StringBuilder log = new StringBuilder();
    for (int i = 0; i < 200; i++) {
      log.append("row batch ").append(i).append(' ').append("z".repeat(100)).append('\n');
    }
    server.logs.put("p", params -> RunLogReaderTest.kubelet("x".repeat(50_000) + "\n" + log, params));
    RunOutcome ok = new RunOutcome(RunOutcome.Kind.SUCCEEDED, "done", null, null, List.of(), FINISHED);

    recorder.record(asset(), List.of(finished("a", "sales-3f0a-1", 1, ok)), jobs, cluster);

    String tail = stored().runs().get(0).logTail();
    assertThat(tail.length()).isBetween(RunHistory.MAX_LOG_CHARS - 600, RunHistory.MAX_LOG_CHARS);
    assertThat(tail).startsWith("[").contains("earlier characters not kept]\nrow batch ").endsWith("row batch 199 " + "z".repeat(100) + "\n")
        .doesNotContain("xxxx");
  }

  @Test
  void aRunWhoseWorkerNeverRanIsRecordedWithoutAskingForALog() {
    Job job = job("sales-3f0a-1", "CRON");
    pods.put(job.getMetadata().getName(), new PodBuilder().withNewMetadata().withName("p").withNamespace("shop")
        .addToLabels("controller-uid", job.getMetadata().getUid())
        .addNewOwnerReference().withApiVersion("batch/v1").withKind("Job").withName(job.getMetadata().getName())
        .withUid(job.getMetadata().getUid()).withController(true).endOwnerReference().endMetadata()
        .withNewStatus().withPhase("Pending").addNewContainerStatus().withName("worker").withNewState().withNewWaiting()
        .withReason("ErrImageNeverPull").endWaiting().endState().endContainerStatus().endStatus().build());
    RunOutcome outcome = RunOutcome.failed(RunOutcome.Kind.PERMANENT, FailureReason.ImageUnavailable,
        "image w:1 is not present with pull policy Never", FINISHED);

    recorder.record(asset(), List.of(finished("a", "sales-3f0a-1", 1, outcome)), jobs, cluster);

    assertThat(server.logRequests).isEmpty();
    assertThat(stored().runs()).containsExactly(new RunRecord("sales-3f0a-1", List.of("a"), 1, 1, "CRON", STARTED, FINISHED,
        "PERMANENT", "ImageUnavailable", null,
        "image w:1 is not present with pull policy Never; log not kept: the worker container never ran", null));
  }

  @Test
  void aRunWhoseJobWasDeletedIsRecordedFromWhatIsKnown() {
    RunOutcome outcome = new RunOutcome(RunOutcome.Kind.RETRYABLE, "Job sales-3f0a-1 was deleted before its result was read", null,
        null, List.of(), FINISHED);

    recorder.record(asset(), List.of(finished("a", "sales-3f0a-1", 1, outcome)), jobs, cluster);

    assertThat(server.logRequests).isEmpty();
    assertThat(stored().runs()).containsExactly(new RunRecord("sales-3f0a-1", List.of("a"), 1, 1, null, LAUNCHED, FINISHED,
        "RETRYABLE", null, null, "Job sales-3f0a-1 was deleted before its result was read; log not kept: the Job was already gone", null));
  }

  @Test
  void anUnreachableNodeIsAskedOnceForAllItsPods() {
    pod(job("sales-a-1", "CRON"), "pa", 0);
    pod(job("sales-b-1", "CRON"), "pb", 0);
    pods.values().forEach(p -> p.setSpec(new io.fabric8.kubernetes.api.model.PodSpecBuilder().withNodeName("node-7").build()));
    String unreachable = "Get \"https://10.0.0.7:10250/containerLogs/shop/pa/worker\": dial tcp 10.0.0.7:10250: connect: no route to host";
    server.logs.put("pa", params -> LogApiServer.Answer.error(500, "InternalError", unreachable));
    server.logs.put("pb", params -> LogApiServer.Answer.log("never asked\n"));
    RunOutcome ok = new RunOutcome(RunOutcome.Kind.SUCCEEDED, "done", null, null, List.of(), FINISHED);

    recorder.record(asset(), List.of(finished("a", "sales-a-1", 1, ok), finished("b", "sales-b-1", 1, ok)), jobs, cluster);

    assertThat(server.logRequests).singleElement().asString().startsWith("pa?");
    assertThat(stored().runs()).extracting(RunRecord::job, RunRecord::message, RunRecord::logTail).containsExactly(
        org.assertj.core.groups.Tuple.tuple("sales-b-1", "done; log not read: 500 " + unreachable + " (node node-7)", null),
        org.assertj.core.groups.Tuple.tuple("sales-a-1", "done; log not read: 500 " + unreachable, null));
  }

  @Test
  void ofManyRunsEndingAtOnceOnlyTheNewestAreReadAndKept() {
    List<RunObserver.Finished> runs = new java.util.ArrayList<>();
    for (int i = 1; i <= 25; i++) {
      pod(job("sales-" + i, "CRON"), "p" + i, 0);
      String line = "run " + i + "\n";
      server.logs.put("p" + i, params -> LogApiServer.Answer.log(line));
      runs.add(finished("k" + i, "sales-" + i, 1, new RunOutcome(RunOutcome.Kind.SUCCEEDED, "done", null, null, List.of(), FINISHED)));
    }

    recorder.record(asset(), runs, jobs, cluster);

    assertThat(server.logRequests).hasSize(RunHistory.MAX_RUNS).first().asString().startsWith("p6?");
    assertThat(stored().runs()).hasSize(RunHistory.MAX_RUNS);
    assertThat(stored().runs().get(0).logTail()).isEqualTo("run 25\n");
    assertThat(stored().runs().get(19).logTail()).isEqualTo("run 6\n");
  }

  @Test
  void aWriteThatMaySucceedLaterFailsTheReconcileAndOneRefusedForGoodDoesNot() {
    assertThat(RunHistoryRecorder.refusedForGood(new io.fabric8.kubernetes.client.KubernetesClientException("Connection was closed")))
        .isFalse();
    assertThat(RunHistoryRecorder.refusedForGood(new io.fabric8.kubernetes.client.KubernetesClientException("conflict", 409, null)))
        .isFalse();
    assertThat(RunHistoryRecorder.refusedForGood(new io.fabric8.kubernetes.client.KubernetesClientException("slow down", 429, null)))
        .isFalse();
    assertThat(RunHistoryRecorder.refusedForGood(new io.fabric8.kubernetes.client.KubernetesClientException("busy", 503, null)))
        .isFalse();
    assertThat(RunHistoryRecorder.refusedForGood(new io.fabric8.kubernetes.client.KubernetesClientException("forbidden", 403, null)))
        .isTrue();
    assertThat(RunHistoryRecorder.refusedForGood(new io.fabric8.kubernetes.client.KubernetesClientException("invalid", 422, null)))
        .isTrue();
  }

  @Test
  void aRunWhoseRecordCouldNotBeWrittenYetIsRecordedOnTheNextTry() {
    pod(job("sales-3f0a-1", "CRON"), "p", 0);
    server.logs.put("p", params -> LogApiServer.Answer.log("done\n"));
    List<RunObserver.Finished> runs = List.of(finished("a", "sales-3f0a-1", 1,
        new RunOutcome(RunOutcome.Kind.SUCCEEDED, "done", null, null, List.of(), FINISHED)));
    server.refuseWrites = LogApiServer.Answer.error(503, "ServiceUnavailable", "etcd leader changed");

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> recorder.record(asset(), runs, jobs, cluster))
        .isInstanceOf(io.fabric8.kubernetes.client.KubernetesClientException.class);
    server.refuseWrites = null;
    recorder.record(asset(), runs, jobs, cluster);

    assertThat(stored().runs()).extracting(RunRecord::job, RunRecord::logTail)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("sales-3f0a-1", "done\n"));
  }

  @Test
  void aWriteRefusedForGoodLeavesTheRunsGoingOn() {
    pod(job("sales-3f0a-1", "CRON"), "p", 0);
    server.logs.put("p", params -> LogApiServer.Answer.log("done\n"));
    server.refuseWrites = LogApiServer.Answer.error(403, "Forbidden", "cannot create resource \"configmaps\"");

    recorder.record(asset(), List.of(finished("a", "sales-3f0a-1", 1,
        new RunOutcome(RunOutcome.Kind.SUCCEEDED, "done", null, null, List.of(), FINISHED))), jobs, cluster);

    assertThat(server.written).isEmpty();
    assertThat(cache).isEmpty();
  }

  @Test
  void nothingFinishedWritesNothing() {
    recorder.record(asset(), List.of(), jobs, cluster);

    assertThat(server.written).isEmpty();
  }
}
