package dev.eider.operator.branch.database;

import dev.eider.operator.api.branch.BranchDeployment;
import dev.eider.operator.api.branch.BranchDeploymentStatus;
import dev.eider.operator.branch.BranchEvent;
import dev.eider.operator.branch.BranchEventSources;
import dev.eider.operator.branch.BranchNames;
import dev.eider.operator.branch.environment.EnvironmentStep;
import dev.eider.operator.platform.EventReason;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The finalizer: observes what is left of a branch (its namespace, clone and drop Jobs), lets
 * {@link TeardownPlanner} decide, and applies the decision. Nothing is remembered between passes:
 * what exists is the state, so a restarted operator resumes the teardown.
 */
public final class TeardownStep {

  private static final Logger LOG = Logger.getLogger(TeardownStep.class);

  private final KubernetesClient client;
  private final DatabaseStep database;
  private final BranchEventSources sources;
  private final DatabaseJobs jobs;
  private final JobRetries retries;
  private final String production;
  private final List<String> protectedDatabases;

  public TeardownStep(KubernetesClient client, DatabaseStep database, BranchEventSources sources, DatabaseJobs jobs, JobRetries retries,
                      String production, List<String> protectedDatabases) {
    this.client = client;
    this.database = database;
    this.sources = sources;
    this.jobs = jobs;
    this.retries = retries;
    this.production = production;
    this.protectedDatabases = protectedDatabases;
  }

  public TeardownPlanner.Plan teardown(BranchDeployment deployment, Context<BranchDeployment> context, Instant now) {
    BranchNames names = BranchNames.of(deployment.getSpec() == null ? null : deployment.getSpec().getBranch());
    String jobNamespace = database.jobNamespace();
    Optional<Namespace> namespace = EnvironmentStep.ownNamespace(deployment, names, context);
    List<String> activeClones = sources.jobsOf(deployment, jobNamespace, DatabaseJobs.CLONE).stream()
        .filter(job -> database.state(job.getMetadata().getName(), now) instanceof JobState.Running)
        .map(job -> job.getMetadata().getName()).toList();
    DropTarget.Decision drop = dropTarget(deployment, names, context);
    Optional<String> target = drop.database();
    List<TeardownPlanner.DropJob> drops = new ArrayList<>();
    if (target.isPresent()) {
      sources.jobsOf(deployment, jobNamespace, DatabaseJobs.DROP).forEach(job -> drops.add(new TeardownPlanner.DropJob(job,
          DatabaseJobs.attemptOf(job), database.state(job.getMetadata().getName(), now))));
    }
    TeardownPlanner.Observed observed = new TeardownPlanner.Observed(namespace.isPresent(),
        namespace.map(ns -> ns.getMetadata().getDeletionTimestamp() != null).orElse(false), activeClones,
        target, drop.refused(), drops);
    TeardownPlanner.Plan plan = TeardownPlanner.plan(deployment.getMetadata().getName(), observed, retries, now);

    for (String job : plan.deleteJobs()) {
      client.batch().v1().jobs().inNamespace(jobNamespace).withName(job).withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
    }
    if (plan.deleteNamespace() && !EnvironmentStep.createdBy(namespace.get(), deployment)) {
      // Never reached while ownNamespace selects the same way; kept next to the only namespace delete.
      throw new IllegalStateException("namespace " + names.namespace() + " was not created by BranchDeployment "
          + deployment.getMetadata().getName() + "; not deleting it");
    }
    if (plan.deleteNamespace()) {
      LOG.infof("branch %s: deleting namespace %s", deployment.getMetadata().getName(), names.namespace());
      client.namespaces().resource(namespace.get()).withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
    }
    if (plan.createDrop().isPresent()) {
      database.create(jobs.drop(deployment, jobNamespace, plan.createDrop().get(), plan.dropAttempt(), target.orElseThrow(),
          production, protectedList(), names));
    }
    return plan;
  }

  /** Events for the namespace deletion the plan started, besides the plan's own. */
  public static List<BranchEvent> events(TeardownPlanner.Plan plan, String namespace) {
    List<BranchEvent> events = new ArrayList<>();
    if (plan.deleteNamespace()) {
      events.add(new BranchEvent(EventReason.NamespaceDeleted, "deleting namespace " + namespace + "; the staging database is dropped after it"));
    }
    events.addAll(plan.events());
    return events;
  }

  /** The staging database derived from the spec and the configuration; the status is only compared with it. */
  private DropTarget.Decision dropTarget(BranchDeployment deployment, BranchNames names, Context<BranchDeployment> context) {
    BranchDeploymentStatus status = deployment.getStatus();
    Optional<String> recorded = Optional.ofNullable(status).map(BranchDeploymentStatus::getDatabase)
        .map(BranchDeploymentStatus.DatabaseStatus::getName);
    List<String> sharedWith = BranchEventSources.sameBranch(deployment, context.getPrimaryCache()).stream()
        .map(other -> other.getMetadata().getName()).toList();
    DropTarget.Decision decision = DropTarget.decide(names, production, protectedDatabases, recorded, sharedWith);
    decision.ignoredStatus().ifPresent(name -> LOG.warnf("branch %s: status.database.name %s is not the staging database %s derived"
        + " from its branch and the configuration; ignored", deployment.getMetadata().getName(), name,
        decision.database().orElse("(none)")));
    return decision;
  }

  private String protectedList() {
    List<String> all = new ArrayList<>();
    all.add(production);
    protectedDatabases.stream().filter(entry -> entry != null && !entry.isBlank()).map(String::strip).forEach(all::add);
    return String.join(",", all);
  }
}
