package dev.eider.operator.branch.database;

import dev.eider.operator.api.branch.BranchDeployment;
import dev.eider.operator.api.branch.BranchDeploymentStatus;
import dev.eider.operator.api.branch.DatabaseSpec;
import dev.eider.operator.workerjob.JobPods;
import dev.eider.operator.workerjob.RunOutcomes;
import dev.eider.operator.branch.BranchEventSources;
import dev.eider.operator.branch.BranchLabels;
import dev.eider.operator.workerjob.JobCreation;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/** Applies a {@link ClonePlanner} plan: stops a superseded clone, creates the clone Job. */
public final class DatabaseStep {

  private static final Logger LOG = Logger.getLogger(DatabaseStep.class);

  private final KubernetesClient client;
  private final DatabaseJobs jobs;
  private final BranchEventSources sources;
  private final String jobNamespace;
  private final JobRetries retries;

  public DatabaseStep(KubernetesClient client, DatabaseJobs jobs, BranchEventSources sources, String jobNamespace, JobRetries retries) {
    this.client = client;
    this.jobs = jobs;
    this.sources = sources;
    this.jobNamespace = jobNamespace;
    this.retries = retries;
  }

  public ClonePlanner.Plan reconcile(BranchDeployment deployment, StagingDatabase.Decision decision, Instant now) {
    DatabaseSpec.Mode mode = deployment.getSpec().getDatabase() == null || deployment.getSpec().getDatabase().getMode() == null
        ? DatabaseSpec.Mode.CLONE : deployment.getSpec().getDatabase().getMode();
    BranchDeploymentStatus status = deployment.getStatus();
    ClonePlanner.Plan plan = ClonePlanner.plan(deployment.getMetadata().getName(), mode, decision, resetRequest(deployment),
        status == null ? null : status.getDatabase(), job -> state(job, now), retries, now);
    plan.supersede().ifPresent(job -> {
      LOG.infof("branch %s: stopping clone Job %s/%s, its target is no longer wanted", deployment.getMetadata().getName(), jobNamespace, job);
      client.batch().v1().jobs().inNamespace(jobNamespace).withName(job).withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
    });
    plan.create().ifPresent(name -> create(jobs.clone(deployment, jobNamespace, name, plan.status().getAttempt(),
        (StagingDatabase.Target) decision)));
    return plan;
  }

  /** The state of a clone or drop Job from the caches, with the worker's outcome once it finished. */
  public JobState state(String name, Instant now) {
    return state(sources.job(jobNamespace, name), sources.podsLabelled(jobNamespace, name), now);
  }

  /**
   * The outcome is read only from the pod the Job's controller made ({@link JobPods}), as for asset
   * runs: a pod someone else labelled with the Job's name cannot report a clone done, nor a drop
   * done while the database is still there.
   */
  static JobState state(Optional<Job> job, List<Pod> labelled, Instant now) {
    if (job.isEmpty()) {
      return JobState.MISSING;
    }
    return RunOutcomes.of(job.get(), JobPods.of(job.get(), labelled), now)
        .<JobState>map(JobState.Finished::new)
        .orElse(JobState.RUNNING);
  }

  public void create(Job job) {
    JobCreation.createIfAbsent(client, job).ifPresent(created -> {
      sources.created(created);
      LOG.infof("created Job %s/%s", job.getMetadata().getNamespace(), job.getMetadata().getName());
    });
  }

  public String jobNamespace() {
    return jobNamespace;
  }

  private static String resetRequest(BranchDeployment deployment) {
    Map<String, String> annotations = deployment.getMetadata().getAnnotations();
    return annotations == null ? null : annotations.get(BranchLabels.RESET_DATABASE_ANNOTATION);
  }
}
