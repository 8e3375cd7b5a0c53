package dev.eider.operator.branch;

import static dev.eider.operator.branch.status.BranchConditions.WAITING_FOR_NAMESPACE;

import dev.eider.operator.api.branch.BranchDeployment;
import dev.eider.operator.api.branch.BranchDeploymentStatus;
import dev.eider.operator.workerjob.RunOutcomes;
import dev.eider.operator.platform.UpdateControls;
import dev.eider.operator.platform.SpecProblem;
import dev.eider.operator.branch.assets.AssetSyncStep;
import dev.eider.operator.branch.database.ClonePlanner;
import dev.eider.operator.branch.database.DatabaseJobs;
import dev.eider.operator.branch.database.DatabaseStep;
import dev.eider.operator.branch.database.JobRetries;
import dev.eider.operator.branch.database.StagingDatabase;
import dev.eider.operator.branch.database.TeardownPlanner;
import dev.eider.operator.branch.database.TeardownStep;
import dev.eider.operator.branch.environment.AccessRoleBindingDependent;
import dev.eider.operator.branch.environment.BranchEnvironment;
import dev.eider.operator.branch.environment.BranchLimitRangeDependent;
import dev.eider.operator.branch.environment.BranchNamespaceDependent;
import dev.eider.operator.branch.environment.BranchQuotaDependent;
import dev.eider.operator.branch.environment.CopiedSecretsDependent;
import dev.eider.operator.branch.environment.EnvironmentStep;
import dev.eider.operator.branch.environment.NamespaceActive;
import dev.eider.operator.branch.environment.WorkerServiceAccountDependent;
import dev.eider.operator.branch.status.BranchConditions;
import dev.eider.operator.branch.status.BranchStatusBuilder.Outcome;
import dev.eider.operator.branch.status.BranchStatusBuilder;
import dev.eider.operator.platform.EiderConfig;
import dev.eider.operator.platform.EventReason;
import dev.eider.operator.platform.EventRecorder;
import dev.eider.operator.platform.LeaderElection;
import dev.eider.operator.platform.ReconcileErrors;
import dev.eider.operator.workerjob.WorkerSecrets;
import dev.eider.operator.warehouse.DatabaseLocation;
import dev.eider.operator.warehouse.NamespaceStorage;
import dev.eider.operator.warehouse.ProductionWarehouse;
import io.quarkus.arc.lookup.LookupIfProperty;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Gives a git branch its own copy of the platform. Each reconcile observes (the TTL), validates,
 * acts in order (the namespace and what it holds, as a workflow of dependents; the staging
 * database, by worker Jobs; the assets, copied from the base once the database is ready) and
 * reports (status once, Events). Deleting the BranchDeployment, or its TTL running out, runs the
 * finalizer: the namespace goes, then the staging database is dropped, then the object is released.
 */
// eider.branch.enabled=false: the bean is not found by the Operator SDK's lookup of reconcilers, so the
// controller is never registered and none of its informers start (the chart then grants no branch RBAC).
@LookupIfProperty(name = "eider.branch.enabled", stringValue = "true", lookupIfMissing = true)
@ControllerConfiguration(name = "branchdeployment", generationAwareEventProcessing = false)
@Workflow(explicitInvocation = true, handleExceptionsInReconciler = true, dependents = {
    @Dependent(name = "namespace", type = BranchNamespaceDependent.class, readyPostcondition = NamespaceActive.class),
    @Dependent(name = "worker-service-account", type = WorkerServiceAccountDependent.class, dependsOn = "namespace"),
    @Dependent(name = "quota", type = BranchQuotaDependent.class, dependsOn = "namespace",
        reconcilePrecondition = BranchQuotaDependent.Wanted.class),
    @Dependent(name = "limit-range", type = BranchLimitRangeDependent.class, dependsOn = "namespace",
        reconcilePrecondition = BranchLimitRangeDependent.Wanted.class),
    @Dependent(name = "access", type = AccessRoleBindingDependent.class, dependsOn = "namespace",
        reconcilePrecondition = AccessRoleBindingDependent.Wanted.class),
    @Dependent(name = "secrets", type = CopiedSecretsDependent.class, dependsOn = "namespace")
})
public class BranchDeploymentReconciler implements Reconciler<BranchDeployment>, Cleaner<BranchDeployment> {

  private static final Logger LOG = Logger.getLogger(BranchDeploymentReconciler.class);
  private static final String CONTROLLER = "branchdeployment";
  private static final Duration SOON = Duration.ofSeconds(10);

  private final EiderConfig config;
  private final EventRecorder recorder;
  private final KubernetesClient client;
  private final Clock clock = Clock.systemUTC();
  private final BranchEventSources sources = new BranchEventSources();
  private volatile IndexedResourceCache<BranchDeployment> deployments;
  private final BranchSpecValidator validator;
  private final BranchTrust trust;
  private final List<String> protectedDatabases;
  private final String production;
  private final NamespaceStorage storage;
  private final EnvironmentStep environment;
  private final DatabaseStep database;
  private final AssetSyncStep assets;
  private final TeardownStep teardown;
  private final LeaderElection leadership;
  private final ReconcileErrors errors;

  public BranchDeploymentReconciler(KubernetesClient client, EiderConfig config, EventRecorder recorder, LeaderElection leadership,
                                    ReconcileErrors errors) {
    this.client = client;
    this.errors = errors;
    this.leadership = leadership;
    this.config = config;
    this.recorder = recorder;
    this.protectedDatabases = config.branch().protectedDatabases().orElse(List.of());
    this.production = ProductionWarehouse.of(config).connection();
    this.storage = new NamespaceStorage(config);
    EiderConfig.Branch branch = config.branch();
    this.trust = BranchTrust.from(config, Optional.ofNullable(client.getNamespace()));
    this.validator = BranchSpecValidator.of(WorkerSecrets.of(config));
    this.environment = new EnvironmentStep(client, BranchEnvironment.Settings.from(config),
        sources::baseSecret);
    String jobNamespace = branch.jobNamespace().orElseGet(() -> Optional.ofNullable(client.getNamespace()).orElse("default"));
    DatabaseJobs jobs = new DatabaseJobs(config);
    this.database = new DatabaseStep(client, jobs, sources, jobNamespace, new JobRetries(branch.cloneAttempts(), branch.jobBackoff()));
    this.assets = new AssetSyncStep(client, sources::assets, sources::sqlConfigMaps);
    this.teardown = new TeardownStep(client, database, sources, jobs, new JobRetries(Integer.MAX_VALUE, branch.jobBackoff()),
        production, protectedDatabases);
    LOG.infof("branch deployments: clone and drop Jobs run in namespace %s", jobNamespace);
  }

  @Override
  public List<EventSource<?, BranchDeployment>> prepareEventSources(EventSourceContext<BranchDeployment> context) {
    List<EventSource<?, BranchDeployment>> created = sources.create(context);
    deployments = context.getPrimaryCache();
    return created;
  }

  /**
   * The BranchDeployments this replica's informer holds (those the controller selects), for readers
   * such as the UI; empty until the controller has prepared its event sources.
   */
  public Optional<IndexedResourceCache<BranchDeployment>> deployments() {
    return Optional.ofNullable(deployments);
  }

  @Override
  public UpdateControl<BranchDeployment> reconcile(BranchDeployment deployment, Context<BranchDeployment> context) {
    // Before acting and before the status is written: a replica that may have lost the Lease stops.
    leadership.checkStillLeading("the branch controller");
    UpdateControl<BranchDeployment> control = reconcileNow(deployment, context);
    leadership.checkStillLeading("the branch controller");
    return control;
  }

  @Override
  public ErrorStatusUpdateControl<BranchDeployment> updateErrorStatus(BranchDeployment deployment, Context<BranchDeployment> context,
                                                                      Exception e) {
    errors.count(CONTROLLER);
    return ErrorStatusUpdateControl.defaultErrorProcessing();
  }

  private UpdateControl<BranchDeployment> reconcileNow(BranchDeployment deployment, Context<BranchDeployment> context) {
    Instant now = clock.instant();
    BranchDeploymentStatus previous = deployment.getStatus() == null ? new BranchDeploymentStatus() : deployment.getStatus();
    BranchNames names = BranchNames.of(deployment.getSpec() == null ? null : deployment.getSpec().getBranch());
    long generation = deployment.getMetadata().getGeneration() == null ? 0 : deployment.getMetadata().getGeneration();
    BranchStatusBuilder status = new BranchStatusBuilder(previous, generation, now);
    Optional<Instant> expiresAt = Lifetime.expiresAt(deployment, previous, now);
    status.expiresAt(expiresAt);
    if (expiresAt.isPresent() && !expiresAt.get().isAfter(now)) {
      return expire(deployment, expiresAt.get());
    }
    List<SpecProblem> problems = new ArrayList<>(validator.validate(deployment.getSpec(), names));
    problems.addAll(trust.check(deployment.getSpec(), sources::namespace));
    Optional<String> rawPrefix = Optional.empty();
    if (problems.isEmpty()) {
      // The branch reads its base's raw data: production's prefix, or the base's own when it is not production.
      String base = deployment.getSpec().getBaseNamespace();
      rawPrefix = storage.rawPrefixOf(base, sources.namespace(base));
      if (rawPrefix.isEmpty()) {
        problems.add(new SpecProblem("spec.baseNamespace", storage.place(base, sources.namespace(base)).reason()
            + "; its raw data cannot be located"));
      }
    }
    if (!problems.isEmpty()) {
      return invalid(deployment, previous, status, problems, expiresAt, now);
    }

    StagingDatabase.Decision decision = StagingDatabase.decide(production, protectedDatabases, names);
    EnvironmentStep.Result namespace = environment.reconcile(deployment, names, decision, rawPrefix.get(), context);
    List<BranchEvent> events = new ArrayList<>(namespace.events());
    status.namespace(names.namespace(), namespace.condition());
    List<Optional<Instant>> wakes = new ArrayList<>(List.of(expiresAt));
    if (namespace.blocked()) {
      // The name is taken by someone else's namespace: look again now and then (it is not in our informer).
      wakes.add(Optional.of(now.plus(Duration.ofSeconds(30))));
      Outcome waiting = new Outcome(false, WAITING_FOR_NAMESPACE, namespace.condition().message());
      status.database(previous.getDatabase(), waiting).assets(waiting, previous.getChanges(), previous.getSyncedCommit(), previous.getSyncedSources());
    } else {
      ClonePlanner.Plan db = database.reconcile(deployment, decision, now);
      events.addAll(db.events());
      status.database(db.status(), new Outcome(db.ready(), db.reason(), db.message()));
      wakes.add(db.wakeAt());
      if (ClonePlanner.Phase.Cloning.name().equals(db.status().getPhase())) {
        // A finished clone's outcome waits for its pod's final status, which may never come (pod gone).
        wakes.add(Optional.of(now.plus(RunOutcomes.POD_GRACE).plusSeconds(1)));
      }
      AssetSyncStep.Result synced = assets.reconcile(deployment, names, namespace.usable(), db.ready(),
          decision instanceof StagingDatabase.Target target && target.production().kind() != DatabaseLocation.Kind.FILE
              ? target.production().display() : null);
      events.addAll(synced.events());
      status.assets(synced.condition(), synced.changes(), synced.syncedCommit(), synced.syncedSources()).plan(synced.plan())
          .dataDiff(synced.dataDiff());
      boolean syncFailed = synced.events().stream().anyMatch(event -> event.reason() == EventReason.AssetsSyncFailed);
      String reason = namespace.condition().reason();
      boolean namespaceWaits = !namespace.condition().ok() && !BranchConditions.SECRETS_MISSING.equals(reason)
          && !BranchConditions.DATABASE_REFUSED.equals(reason);
      if (namespaceWaits || syncFailed) {
        wakes.add(Optional.of(now.plus(SOON)));
      }
    }
    events.forEach(event -> recorder.record(deployment, event.reason(), event.message()));
    // A time already passed (an expiry the next reconcile acts on) is no time to wait for.
    Duration wake = UpdateControls.wakeAfter(now, wakes.stream().flatMap(Optional::stream).filter(at -> UpdateControls.ahead(now, at)),
        config.branch().resyncInterval());
    return statusUpdate(deployment, previous, status.build()).rescheduleAfter(wake);
  }

  @Override
  public DeleteControl cleanup(BranchDeployment deployment, Context<BranchDeployment> context) {
    try {
      return teardown(deployment, context);
    } catch (RuntimeException e) {
      // JOSDK retries a failed cleanup without calling updateErrorStatus: counted here.
      errors.count(CONTROLLER);
      throw e;
    }
  }

  private DeleteControl teardown(BranchDeployment deployment, Context<BranchDeployment> context) {
    leadership.checkStillLeading("the branch controller's teardown");
    Instant now = clock.instant();
    BranchNames names = BranchNames.of(deployment.getSpec() == null ? null : deployment.getSpec().getBranch());
    recorder.record(deployment, EventReason.TeardownStarted, "tearing down branch " + names.branch() + ": namespace "
        + names.namespace() + ", then the staging database");
    TeardownPlanner.Plan plan = teardown.teardown(deployment, context, now);
    TeardownStep.events(plan, names.namespace()).forEach(event -> recorder.record(deployment, event.reason(), event.message()));
    if (plan.done()) {
      LOG.infof("branch %s torn down", deployment.getMetadata().getName());
      return DeleteControl.defaultDelete();
    }
    return DeleteControl.noFinalizerRemoval().rescheduleAfter(Math.max(1000, plan.wake().toMillis()));
  }

  private UpdateControl<BranchDeployment> expire(BranchDeployment deployment, Instant expiresAt) {
    recorder.record(deployment, EventReason.Expired, "spec.ttl " + deployment.getSpec().getTtl() + " ran out at " + expiresAt
        + ": deleting this BranchDeployment");
    LOG.infof("branch %s expired at %s, deleting it", deployment.getMetadata().getName(), expiresAt);
    client.resources(BranchDeployment.class).withName(deployment.getMetadata().getName()).delete();
    return UpdateControl.noUpdate();
  }

  private UpdateControl<BranchDeployment> invalid(BranchDeployment deployment, BranchDeploymentStatus previous, BranchStatusBuilder status,
                                                  List<SpecProblem> problems, Optional<Instant> expiresAt, Instant now) {
    String message = problems.stream().map(SpecProblem::toString).collect(Collectors.joining("; "));
    LOG.infof("branch deployment %s has an invalid spec: %s", deployment.getMetadata().getName(), message);
    recorder.record(deployment, EventReason.InvalidSpec, message);
    UpdateControl<BranchDeployment> control = statusUpdate(deployment, previous, status.invalid(problems).build());
    // Nothing to retry: the next edit triggers a reconcile; only the TTL is a time to wake up for.
    return expiresAt.map(at -> control.rescheduleAfter(UpdateControls.untilJustAfter(now, at))).orElse(control);
  }

  private static UpdateControl<BranchDeployment> statusUpdate(BranchDeployment deployment, BranchDeploymentStatus previous,
                                                              BranchDeploymentStatus status) {
    return UpdateControls.statusUpdate(deployment, previous, status, BranchDeployment::new);
  }
}
