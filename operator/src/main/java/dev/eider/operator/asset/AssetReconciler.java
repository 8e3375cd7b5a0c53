package dev.eider.operator.asset;

import dev.eider.operator.api.asset.Asset;
import dev.eider.operator.api.asset.AssetSpec;
import dev.eider.operator.api.asset.AssetStatus;
import dev.eider.operator.asset.automation.DueRun;
import dev.eider.operator.asset.automation.RunPlanner;
import dev.eider.operator.asset.history.RunHistoryRecorder;
import dev.eider.operator.asset.history.RunHistoryStore;
import dev.eider.operator.asset.history.RunLogReader;
import dev.eider.operator.asset.metrics.AssetHealth;
import dev.eider.operator.asset.metrics.AssetMetrics;
import dev.eider.operator.asset.metrics.RunLabels;
import dev.eider.operator.asset.partition.PartitionKeys;
import dev.eider.operator.asset.partition.TrackedWindows;
import dev.eider.operator.workerjob.NamespaceProfile;
import dev.eider.operator.asset.run.RetryPolicy;
import dev.eider.operator.asset.run.RunLauncher;
import dev.eider.operator.asset.run.RunObserver;
import dev.eider.operator.asset.run.RunResults;
import dev.eider.operator.asset.run.RunSlots;
import dev.eider.operator.asset.run.WorkerJobFactory;
import dev.eider.operator.asset.state.PartitionStateStore;
import dev.eider.operator.asset.state.PartitionStates;
import dev.eider.operator.asset.state.PublishedKeys;
import dev.eider.operator.sql.ModelSet;
import dev.eider.operator.sql.TransformModels;
import dev.eider.operator.asset.status.AssetStatusBuilder;
import dev.eider.operator.asset.validation.AssetSpecValidator;
import dev.eider.operator.platform.UpdateControls;
import dev.eider.operator.platform.SpecProblem;
import dev.eider.operator.platform.EiderConfig;
import dev.eider.operator.platform.EventReason;
import dev.eider.operator.platform.EventRecorder;
import dev.eider.operator.platform.Labels;
import dev.eider.operator.platform.LeaderElection;
import dev.eider.operator.platform.NamespaceProfiles;
import dev.eider.operator.platform.ReconcileErrors;
import dev.eider.operator.warehouse.NamespaceStorage;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Runs an Asset's due partitions as Jobs. Each reconcile observes (finished runs, from caches),
 * validates, plans (a pure {@link RunPlanner}), acts (records, then creates Jobs within the limits)
 * and reports (status once, Events), then sleeps until the next thing that can happen on time:
 * a cron tick, a retry, a pending deadline, staleness.
 */
@ControllerConfiguration(name = "asset", generationAwareEventProcessing = false)
public class AssetReconciler implements Reconciler<Asset> {

  private static final Logger LOG = Logger.getLogger(AssetReconciler.class);
  /** How soon an Asset whose namespace could not be placed is looked at again. */
  static final Duration UNPLACED_RETRY = Duration.ofSeconds(5);

  private final EiderConfig config;
  private final EventRecorder recorder;
  private final NamespaceProfiles profiles;
  private final AssetMetrics metrics;
  private final AssetSpecValidator validator;
  private final RunObserver observer;
  private final RunLauncher launcher;
  private final AssetEventSources sources = new AssetEventSources();
  private final AssetEvents events;
  private final Clock clock = Clock.systemUTC();
  private PartitionStateStore stateStore;
  private PublishedKeys publishedKeys;
  private UpstreamViews upstreamViews;
  private volatile AssetCaches caches;
  private RunHistoryRecorder history;
  private final KubernetesClient client;
  private final LeaderElection leadership;
  private final ReconcileErrors errors;

  public AssetReconciler(KubernetesClient client, EiderConfig config, EventRecorder recorder, NamespaceProfiles profiles,
                         AssetMetrics metrics, LeaderElection leadership, ReconcileErrors errors) {
    this.client = client;
    this.errors = errors;
    this.leadership = leadership;
    this.config = config;
    this.recorder = recorder;
    this.profiles = profiles;
    this.metrics = metrics;
    this.validator = new AssetSpecValidator(config.pools().keySet());
    this.observer = new RunObserver(config.runs().pendingTimeout(), config.runs().imagePullGrace());
    this.launcher = new RunLauncher(client, config, new WorkerJobFactory(config), new RunSlots());
    this.events = new AssetEvents(recorder);
  }

  @Override
  public List<EventSource<?, Asset>> prepareEventSources(EventSourceContext<Asset> context) {
    List<EventSource<?, Asset>> list = new ArrayList<>(sources.create(context));
    // A namespace's labels and annotations say where its runs write: a change wakes its Assets.
    list.add(profiles.eventSource(context, Asset.class));
    metrics.trackExisting(key -> {
      int slash = key.indexOf('/');
      return context.getPrimaryCache().get(new ResourceID(key.substring(slash + 1), key.substring(0, slash))).isPresent();
    });
    stateStore = new PartitionStateStore(client, sources.configMapCache());
    publishedKeys = new PublishedKeys(client, sources.configMapCache());
    upstreamViews = new UpstreamViews(stateStore, publishedKeys);
    caches = new AssetCaches(context.getPrimaryCache(), sources.configMapCache());
    history = new RunHistoryRecorder(new RunHistoryStore(client, sources.configMapCache()), new RunLogReader(client));
    return list;
  }

  /**
   * The Assets and their state ConfigMaps as this replica's informers hold them, for readers such as
   * the UI; empty until the controller has prepared its event sources. The informers run on every
   * replica, the leader or not (only event processing waits for the Lease).
   */
  public Optional<AssetCaches> caches() {
    return Optional.ofNullable(caches);
  }

  @Override
  public UpdateControl<Asset> reconcile(Asset asset, Context<Asset> context) {
    // Before acting and before the status is written: a replica that may have lost the Lease stops.
    leadership.checkStillLeading("the asset controller");
    UpdateControl<Asset> control = metrics.reconcileTimer().record(() -> reconcileNow(asset, context));
    leadership.checkStillLeading("the asset controller");
    return control;
  }

  @Override
  public ErrorStatusUpdateControl<Asset> updateErrorStatus(Asset asset, Context<Asset> context, Exception e) {
    errors.count("asset");
    return ErrorStatusUpdateControl.defaultErrorProcessing();
  }

  private UpdateControl<Asset> reconcileNow(Asset asset, Context<Asset> context) {
    Instant now = clock.instant();
    String namespace = asset.getMetadata().getNamespace();
    TransformModels.ConfigMaps configMaps = sources.sqlConfigMapsIn(namespace);
    TransformModels.Resolution models = asset.getSpec().getTransform() == null ? null
        : TransformModels.resolve(asset.getMetadata().getName(), asset.getSpec().getTransform(), configMaps);
    List<SpecProblem> problems = validate(asset, context, models);
    if (!problems.isEmpty()) {
      return invalid(asset, problems, now);
    }
    ModelSet modelSet = models == null ? null : models.set();
    NamespaceStorage.Placement placement = profiles.of(namespace);
    if (placement.profile().isEmpty()) {
      return unplaced(asset, placement);
    }
    NamespaceProfile profile = placement.profile().get();
    if (asset.getSpec().getTransform() != null && profile.baseNamespace().isPresent()) {
      profile = profile.withOwnRawAssets(BranchRawSources.ranHere(context.getPrimaryCache().list(namespace), stateStore::load));
    }
    PartitionStates states = stateStore.load(asset);

    Map<String, Job> jobs = context.getSecondaryResourcesAsStream(Job.class)
        .collect(Collectors.toMap(job -> job.getMetadata().getName(), Function.identity(), (a, b) -> a));
    RunObserver.Observation observed = observer.observe(asset.getMetadata().getName(), states, jobs,
        sources.runsIn(namespace), new RetryPolicy(asset.getSpec().getRetry(), config.runs()), blockingChecks(asset.getSpec()), now);
    // While the Jobs and pods are there: before a stuck Job is deleted and before the state moves on.
    history.record(asset, observed.finished(), jobs, sources.runsIn(namespace));
    observed.stuck().forEach(job -> launcher.deleteJob(namespace, job.getMetadata().getName()));
    RunResults results = RunResults.of(observed.finished());
    publishedKeys.save(asset, results.published());
    String name = asset.getMetadata().getName();
    observed.finished().forEach(run -> metrics.finished(namespace, name, run.outcome()));

    List<String> keys = upstreamViews.keys(asset, profile, now, context.getPrimaryCache());
    Optional<TrackedWindows> windows = PartitionKeys.windows(asset.getSpec(), now);
    windows.flatMap(TrackedWindows::firstTracked).ifPresent(states::forgetWindowsBefore);
    AssetStatus previous = asset.getStatus() == null ? new AssetStatus() : asset.getStatus();
    String reusedFrom = UpstreamViews.reusedFrom(asset);
    String codeVersion = modelSet == null ? null : modelSet.codeVersion().fingerprint();
    AssetSpec planned = asset.getSpec();
    if (reusedFrom != null) {
      // Taken from the base by the branch's plan: nothing runs by itself; a manual run still may.
      keys.stream().map(states::get).filter(state -> !state.everLaunched() && state.materializedAt() == null)
          .forEach(state -> states.put(state.takenFromBase(now, codeVersion)));
      planned = Serialization.clone(asset.getSpec());
      planned.setAutomation(null);
    }
    RunPlanner.Plan plan = RunPlanner.plan(new RunPlanner.Input(planned, keys, states,
        upstreamViews.of(asset, context.getPrimaryCache(), profile, now, configMaps), now,
        AssetStatusBuilder.parse(previous.getLastScheduleTime()), manualRequest(asset), codeVersion));
    plan.marks().forEach(states::put);
    // Read before the launch moves the partitions on (a retry's due time is its state's nextAttemptAt).
    Map<DueRun, Optional<Instant>> dueAt = plan.due().stream().collect(Collectors.toMap(Function.identity(),
        run -> RunLabels.dueAt(run, states.get(run.key()), plan.lastScheduleTime()), (a, b) -> a));
    // The one write of the partition states: what the observer recorded, the plan's marks and the runs started.
    RunLauncher.Launched launched = launcher.launch(asset, plan.due(), observed.missingJobs(), states,
        () -> stateStore.save(asset, states), sources.jobCache(), profile, now, modelSet);
    metrics.launched(namespace, name, launched.started().size());
    launched.started().forEach(run -> metrics.started(namespace, name, run, dueAt.getOrDefault(run, Optional.empty()), now));
    metrics.waiting(namespace + "/" + name, launched.waiting());

    events.finished(asset, observed.finished(), observed.stuck().stream().map(job -> job.getMetadata().getName())
        .collect(Collectors.toSet()), now);
    events.stalled(asset, observed.stalled());
    events.planned(asset, plan, launched);
    events.launched(asset, launched);

    AssetStatusBuilder builder = new AssetStatusBuilder(asset.getSpec(), previous, asset.getMetadata().getGeneration(), now)
        .partitions(keys, states, stateStore.shardNames(asset, states))
        .blockedBy(plan.blockedBy())
        .stalled(observed.stalled())
        .queued(launched.waiting())
        .schedule(plan.lastScheduleTime(), plan.nextTick())
        .codeVersion(modelSet == null ? null : modelSet.codeVersion())
        .reusedFrom(reusedFrom);
    windows.ifPresent(builder::windows);
    results.latest().ifPresent(builder::materialized);
    results.checks().ifPresent(builder::checks);
    AssetStatus status = builder.build();
    events.freshness(asset, previous, status);
    events.checks(asset, previous, status);
    metrics.observed(namespace, name, AssetHealth.of(status.getLastMaterialization() == null ? null
        : AssetStatusBuilder.parse(status.getLastMaterialization().getFinishedAt()), AssetStatusBuilder.maxAge(asset.getSpec()),
        status.getPartitions()));
    events.windows(asset, previous, status);

    Duration wake = UpdateControls.wakeAfter(now, Stream.of(plan.nextTick(), plan.nextRetry(), observed.nextPendingDeadline(),
            AssetStatusBuilder.staleAt(asset.getSpec(), status).filter(now::isBefore)).flatMap(Optional::stream),
        config.runs().resyncInterval());
    if (launched.waiting() > 0) {
      // Another asset's run frees the slot; its Job events wake this asset too, the timer is a safety net.
      wake = min(wake, Duration.ofSeconds(30));
    }
    LOG.debugf("asset %s/%s: %d partitions, %d started, %d waiting, next wake in %s", namespace,
        asset.getMetadata().getName(), keys.size(), launched.started().size(), launched.waiting(), wake);
    return statusUpdate(asset, previous, status).rescheduleAfter(wake);
  }

  /**
   * Fail closed: where this namespace's runs write is unknown (the namespace is not in the
   * namespace event source's cache yet, or a branch namespace lacks its annotations), so nothing is
   * observed or launched, never with the operator's defaults instead, and the status is left alone.
   * The namespace arriving in the cache, or its annotations changing, wakes the Asset; the timer is a
   * safety net.
   */
  private UpdateControl<Asset> unplaced(Asset asset, NamespaceStorage.Placement placement) {
    LOG.warnf("asset %s/%s: not launching, %s; retrying in %s", asset.getMetadata().getNamespace(), asset.getMetadata().getName(),
        placement.reason(), UNPLACED_RETRY);
    recorder.record(asset, EventReason.NamespaceUnresolved, "not launching runs: " + placement.reason() + "; retrying");
    return UpdateControl.<Asset>noUpdate().rescheduleAfter(UNPLACED_RETRY);
  }

  private List<SpecProblem> validate(Asset asset, Context<Asset> context, TransformModels.Resolution models) {
    Map<String, AssetSpec> neighbours = context.getPrimaryCache().list(asset.getMetadata().getNamespace())
        .filter(other -> other.getSpec() != null)
        .collect(Collectors.toMap(other -> other.getMetadata().getName(), Asset::getSpec, (a, b) -> a));
    neighbours.put(asset.getMetadata().getName(), asset.getSpec());
    return validator.validate(asset.getMetadata().getName(), asset.getSpec(), neighbours, models);
  }

  private UpdateControl<Asset> invalid(Asset asset, List<SpecProblem> problems, Instant now) {
    String message = problems.stream().map(SpecProblem::toString).collect(Collectors.joining("; "));
    LOG.infof("asset %s/%s has an invalid spec: %s", asset.getMetadata().getNamespace(), asset.getMetadata().getName(), message);
    recorder.record(asset, EventReason.InvalidSpec, message);
    AssetStatus previous = asset.getStatus() == null ? new AssetStatus() : asset.getStatus();
    AssetStatus status = new AssetStatusBuilder(asset.getSpec(), previous, asset.getMetadata().getGeneration(), now)
        .invalid(problems).build();
    // Nothing to retry: the next edit of the asset (or of the asset it names) triggers a new reconcile.
    return statusUpdate(asset, previous, status);
  }

  static Set<String> blockingChecks(AssetSpec spec) {
    return spec.getChecks().stream().filter(check -> Boolean.TRUE.equals(check.getBlocking()))
        .map(check -> check.getName()).collect(Collectors.toSet());
  }

  private static RunPlanner.ManualRequest manualRequest(Asset asset) {
    Map<String, String> annotations = asset.getMetadata().getAnnotations();
    if (annotations == null || annotations.get(Labels.MATERIALIZE_ANNOTATION) == null) {
      return null;
    }
    return new RunPlanner.ManualRequest(annotations.get(Labels.MATERIALIZE_ANNOTATION), annotations.get(Labels.PARTITIONS_ANNOTATION));
  }

  private static UpdateControl<Asset> statusUpdate(Asset asset, AssetStatus previous, AssetStatus status) {
    return UpdateControls.statusUpdate(asset, previous, status, Asset::new);
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
