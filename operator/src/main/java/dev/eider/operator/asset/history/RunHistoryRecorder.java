package dev.eider.operator.asset.history;

import dev.eider.operator.api.asset.Asset;
import dev.eider.operator.workerjob.JobPods;
import dev.eider.operator.asset.run.RunObserver;
import dev.eider.operator.workerjob.RunOutcome;
import dev.eider.operator.platform.Labels;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Keeps a record of every finished run in the Asset's run history, with the tail of its worker's
 * log, while the Job and its pod still exist: called in the reconcile that observes the end, before
 * the partition state moves on and before a stuck Job is deleted. A reconcile that fails after this
 * observes the same runs again; a run already recorded is not read twice.
 */
public final class RunHistoryRecorder {

  private static final Logger LOG = Logger.getLogger(RunHistoryRecorder.class);

  private final RunHistoryStore store;
  private final RunLogReader logs;

  public RunHistoryRecorder(RunHistoryStore store, RunLogReader logs) {
    this.store = store;
    this.logs = logs;
  }

  /**
   * Records the runs of {@code finished} not recorded yet, in one write.
   *
   * @param jobs the asset's Jobs by name (a run's Job may be missing: deleted before it was seen to end)
   * @param cluster where the runs' pods are looked up
   */
  public void record(Asset asset, List<RunObserver.Finished> finished, Map<String, Job> jobs, RunObserver.Cluster cluster) {
    if (finished.isEmpty()) {
      return;
    }
    RunHistory history = store.load(asset);
    RunHistory before = history;
    // Only the newest runs stay in the history: the logs of older ones are not worth reading.
    List<RunObserver.Finished> kept = finished.subList(Math.max(0, finished.size() - RunHistory.MAX_RUNS), finished.size());
    Map<String, String> faultyNodes = new HashMap<>();
    for (RunObserver.Finished run : kept) {
      if (!history.contains(run.job())) {
        history = history.with(recordOf(asset.getMetadata().getNamespace(), run, jobs.get(run.job()), cluster, faultyNodes));
      }
    }
    if (history == before) {
      return;
    }
    try {
      store.save(asset, history);
    } catch (KubernetesClientException e) {
      if (!refusedForGood(e)) {
        // Written meanwhile (409), or a fault that passes (a lost connection, 5xx, 429): the
        // reconcile fails before the partition state moves on, so it sees these runs again and
        // records them then.
        throw e;
      }
      // Refused as such (403, 422...): a record for people, not state; the runs go on without it.
      LOG.warnf("asset %s/%s: run history not written to ConfigMap %s: %s", asset.getMetadata().getNamespace(),
          asset.getMetadata().getName(), RunHistoryStore.configMapName(asset), e.getMessage());
    }
  }

  /** @param faultyNodes nodes whose logs could not be read in this round, with the problem: not asked again */
  private RunRecord recordOf(String namespace, RunObserver.Finished run, Job job, RunObserver.Cluster cluster,
                             Map<String, String> faultyNodes) {
    RunOutcome outcome = run.outcome();
    Optional<Pod> pod = job == null ? Optional.empty() : JobPods.of(job, cluster.podsLabelled(run.job()));
    Optional<ContainerStateTerminated> worker = pod.flatMap(RunHistoryRecorder::workerTerminated);
    String node = pod.map(p -> p.getSpec() == null ? null : p.getSpec().getNodeName()).orElse(null);
    RunLogReader.Tail tail = job == null ? RunLogReader.Tail.unreadable("log not kept: the Job was already gone")
        : pod.isEmpty() ? RunLogReader.Tail.unreadable("log not kept: the run had no pod")
        : !ran(pod.get()) ? RunLogReader.Tail.unreadable("log not kept: the worker container never ran")
        : node != null && faultyNodes.containsKey(node) ? RunLogReader.Tail.unreadable(faultyNodes.get(node))
        : logs.read(namespace, pod.get().getMetadata().getName());
    if (tail.nodeFault() && node != null) {
      faultyNodes.put(node, tail.problem() + " (node " + node + ")");
    }
    String message = outcome.message() == null ? "" : outcome.message();
    if (tail.problem() != null) {
      message = message.isEmpty() ? tail.problem() : message + "; " + tail.problem();
    }
    return new RunRecord(run.job(), List.of(run.key() == null ? "" : run.key()), 1, run.after().attempt(), trigger(job), startedAt(job, run),
        outcome.finishedAt(), outcome.kind().name(), outcome.reason() == null ? null : outcome.reason().name(),
        worker.map(ContainerStateTerminated::getExitCode).orElse(null), oneLine(message), tail.text());
  }

  /** A 4xx that writing again cannot change: not a conflict, not a rate limit. */
  static boolean refusedForGood(KubernetesClientException e) {
    return e.getCode() >= 400 && e.getCode() < 500 && e.getCode() != HttpURLConnection.HTTP_CONFLICT && e.getCode() != 429;
  }

  /** Whether the worker container ever started: only then is there a log to ask for. */
  private static boolean ran(Pod pod) {
    if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
      return false;
    }
    return pod.getStatus().getContainerStatuses().stream()
        .filter(status -> RunLogReader.CONTAINER.equals(status.getName()) && status.getState() != null)
        .anyMatch(status -> status.getState().getRunning() != null
            || status.getState().getTerminated() != null && status.getState().getTerminated().getStartedAt() != null);
  }

  private static Optional<ContainerStateTerminated> workerTerminated(Pod pod) {
    if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
      return Optional.empty();
    }
    return pod.getStatus().getContainerStatuses().stream()
        .filter(status -> RunLogReader.CONTAINER.equals(status.getName()) && status.getState() != null)
        .map(status -> status.getState().getTerminated())
        .filter(terminated -> terminated != null)
        .findFirst();
  }

  private static String trigger(Job job) {
    if (job == null || job.getMetadata().getAnnotations() == null) {
      return null;
    }
    return job.getMetadata().getAnnotations().get(Labels.TRIGGER_ANNOTATION);
  }

  /** When the Job started (the Job controller's clock), else when the run was launched. */
  private static Instant startedAt(Job job, RunObserver.Finished run) {
    String started = job == null || job.getStatus() == null ? null : job.getStatus().getStartTime();
    if (started != null) {
      try {
        return Instant.parse(started);
      } catch (RuntimeException e) {
        // falls back to the launch time below
      }
    }
    return run.after().startedAt();
  }

  private static String oneLine(String text) {
    return text.replaceAll("\\s+", " ").strip();
  }
}
