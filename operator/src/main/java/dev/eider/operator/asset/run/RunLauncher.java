package dev.eider.operator.asset.run;

import dev.eider.operator.asset.state.Trigger;
import dev.eider.operator.workerjob.NamespaceProfile;
import dev.eider.operator.sql.ModelSet;
import dev.eider.operator.api.asset.Asset;
import dev.eider.operator.asset.automation.DueRun;
import dev.eider.operator.asset.state.PartitionState;
import dev.eider.operator.asset.state.PartitionStates;
import dev.eider.operator.platform.EiderConfig;
import dev.eider.operator.platform.Labels;
import dev.eider.operator.workerjob.JobCreation;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts due runs within the limits: the asset's own (eider.runs.max-concurrent-per-asset) and
 * the namespace's (pools, one warehouse writer). Each run is first recorded in the partition states
 * (with its run number), which the caller saves, and only then created as a Job of the
 * deterministic name: an operator that dies in between creates the same Job after restarting, and
 * one that dies after creates nothing twice (the create answers 409). The launcher owns no state
 * store: the reconciler saves the states, once, at the moment the launcher asks for it.
 */
public final class RunLauncher {

  /**
   * The runs started, how many due runs wait for a free slot, and the running Jobs deleted for a
   * replacement ({@code concurrencyPolicy: Replace}).
   */
  public record Launched(List<DueRun> started, int waiting, List<String> replaced) {
    public Launched(List<DueRun> started, int waiting) {
      this(started, waiting, List.of());
    }
  }

  private final KubernetesClient client;
  private final EiderConfig config;
  private final WorkerJobFactory jobs;
  private final RunSlots slots;

  public RunLauncher(KubernetesClient client, EiderConfig config, WorkerJobFactory jobs, RunSlots slots) {
    this.client = client;
    this.config = config;
    this.jobs = jobs;
    this.slots = slots;
  }

  /**
   * @param models the transform's resolved models, null for an ingestion
   * @param saveState saves {@code states}: called once, after the runs started are recorded in them
   *     and before any Job is created
   */
  public Launched launch(Asset asset, List<DueRun> due, List<PartitionState> missingJobs, PartitionStates states,
                         Runnable saveState, JobCache cache, NamespaceProfile profile, Instant now, ModelSet models) {
    String namespace = asset.getMetadata().getNamespace();
    boolean limited = asset.getSpec().getPool() != null || WarehouseAccess.opensWarehouse(asset.getSpec());
    if (!limited) {
      // Nothing to count against: reconciles of other assets need not wait for this one.
      return launchWithin(asset, due, missingJobs, states, saveState, cache, profile, now, namespace, models);
    }
    return slots.withNamespaceLocked(namespace, () -> launchWithin(asset, due, missingJobs, states, saveState, cache, profile, now,
        namespace, models));
  }

  private Launched launchWithin(Asset asset, List<DueRun> due, List<PartitionState> missingJobs, PartitionStates states,
                                Runnable saveState, JobCache cache, NamespaceProfile profile, Instant now, String namespace,
                                ModelSet models) {
    List<Job> live = slots.live(namespace, cache.inNamespace(namespace));
    int free = Math.min(Math.min(
        RunSlots.free(live, Labels.POOL, asset.getSpec().getPool(), config.pools().get(asset.getSpec().getPool())),
        !WarehouseAccess.opensWarehouse(asset.getSpec()) ? Integer.MAX_VALUE
            : RunSlots.free(live, Labels.WRITER, WorkerJobFactory.writerOf(jobs.warehouse(profile)), 1)),
        RunSlots.freeForAsset(states, config.runs().maxConcurrentPerAsset()));
    List<DueRun> started = new ArrayList<>();
    List<String> replaced = new ArrayList<>();
    List<Job> toCreate = new ArrayList<>();
    for (PartitionState state : missingJobs) {
      toCreate.add(jobs.build(asset, state.key(), state.seq(), profile, models));
    }
    for (DueRun run : admitted(due, free)) {
      if (run.trigger() == Trigger.REPLACE) {
        PartitionState running = states.get(run.key());
        String job = JobNames.of(asset.getMetadata().getName(), run.key(), running.seq());
        deleteJob(namespace, job);
        replaced.add(job);
      }
      PartitionState launched = states.get(run.key()).launched(now, run.trigger().isRetry(), run.watermark())
          .withCodeVersion(models == null ? null : models.codeVersion().fingerprint());
      states.put(launched);
      Job job = jobs.build(asset, run.key(), launched.seq(), profile, models);
      // For the run history: why it ran (the Job's metadata only; the pod template is untouched).
      job.getMetadata().getAnnotations().put(Labels.TRIGGER_ANNOTATION, run.trigger().name());
      toCreate.add(job);
      started.add(run);
    }
    saveState.run();
    for (Job job : toCreate) {
      create(job, cache);
    }
    return new Launched(started, due.size() - started.size(), replaced);
  }

  /**
   * The due runs that start now, in order, within {@code free} slots; the others wait for a later
   * reconcile. A replacement takes the slot of the run it deletes, so it always starts.
   */
  static List<DueRun> admitted(List<DueRun> due, int free) {
    List<DueRun> admitted = new ArrayList<>();
    int slots = free;
    for (DueRun run : due) {
      if (run.trigger() == Trigger.REPLACE) {
        slots++;
      }
      if (admitted.size() >= slots) {
        break;
      }
      admitted.add(run);
    }
    return admitted;
  }

  public void deleteJob(String namespace, String name) {
    client.batch().v1().jobs().inNamespace(namespace).withName(name)
        .withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
  }

  private void create(Job job, JobCache cache) {
    JobCreation.createIfAbsent(client, job).ifPresent(created -> {
      slots.created(created);
      cache.created(created);
    });
  }
}
