package dev.eider.operator.asset;

import dev.eider.operator.api.asset.Asset;
import dev.eider.operator.api.asset.DependencySpec;
import dev.eider.operator.asset.history.RunHistoryStore;
import dev.eider.operator.asset.run.JobCache;
import dev.eider.operator.asset.run.PodRefusals;
import dev.eider.operator.asset.run.RunObserver;
import dev.eider.operator.sql.TransformModels;
import dev.eider.operator.asset.state.ConfigMapCache;
import dev.eider.operator.platform.CachePruning;
import dev.eider.operator.platform.Labels;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.javaoperatorsdk.operator.api.config.informer.FieldSelector;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import dev.eider.operator.asset.run.RunSlots;
import dev.eider.operator.asset.run.WarehouseAccess;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The informers an Asset reconcile reads instead of the API server: its run Jobs and their pods
 * (by label), the Job controller's FailedCreate Events, the state ConfigMaps of every asset and the
 * labelled ConfigMaps of SQL models. A change to an asset's state also wakes the
 * assets that depend on it, found through an index of the primary cache by dependency.
 */
final class AssetEventSources {

  static final String DOWNSTREAM_INDEX = "eider.dev/downstream-of";
  static final String POD_BY_JOB_INDEX = "eider.dev/pod-by-job";
  static final String SLOT_INDEX = "eider.dev/slot";
  static final String EVENTS_BY_JOB_INDEX = "eider.dev/events-by-job";
  static final String SQL_CONFIG_MAP_INDEX = "eider.dev/sql-config-map";

  private InformerEventSource<Job, Asset> jobs;
  private InformerEventSource<Pod, Asset> pods;
  private InformerEventSource<ConfigMap, Asset> configMaps;
  private InformerEventSource<Event, Asset> jobEvents;
  private InformerEventSource<ConfigMap, Asset> sqlConfigMaps;

  List<EventSource<?, Asset>> create(EventSourceContext<Asset> context) {
    context.getPrimaryCache().addIndexer(DOWNSTREAM_INDEX, asset -> asset.getSpec() == null ? List.of()
        : asset.getSpec().getDeps().stream().map(DependencySpec::getAsset)
            .map(upstream -> asset.getMetadata().getNamespace() + "/" + upstream).toList());
    context.getPrimaryCache().addIndexer(SLOT_INDEX, AssetEventSources::slotsOf);
    context.getPrimaryCache().addIndexer(SQL_CONFIG_MAP_INDEX, asset -> asset.getSpec() == null || asset.getSpec().getTransform() == null
        || asset.getSpec().getTransform().getConfigMapRef() == null ? List.of()
        : List.of(asset.getMetadata().getNamespace() + "/" + asset.getSpec().getTransform().getConfigMapRef().getName()));
    jobs = new InformerEventSource<>(InformerEventSourceConfiguration.from(Job.class, Asset.class)
        .withName("run-jobs")
        .withItemStore(CachePruning.withoutManagedFields())
        .withLabelSelector(Labels.MANAGED_SELECTOR + "," + Labels.ASSET)
        .withSecondaryToPrimaryMapper(job -> ownerAndSlotSharers(job, context))
        .build(), context);
    pods = new InformerEventSource<>(InformerEventSourceConfiguration.from(Pod.class, Asset.class)
        .withName("run-pods")
        .withItemStore(CachePruning.withoutManagedFields())
        .withLabelSelector(Labels.MANAGED_SELECTOR + "," + Labels.ASSET)
        .withSecondaryToPrimaryMapper(pod -> Set.of(new ResourceID(pod.getMetadata().getLabels().get(Labels.ASSET),
            pod.getMetadata().getNamespace())))
        .build(), context);
    pods.addIndexers(Map.of(POD_BY_JOB_INDEX, pod -> {
      String job = pod.getMetadata().getLabels() == null ? null : pod.getMetadata().getLabels().get("job-name");
      return job == null ? List.of() : List.of(pod.getMetadata().getNamespace() + "/" + job);
    }));
    // A pod refused by admission (quota, LimitRange, pod security) never exists: only the Job
    // controller's FailedCreate Events on the Job tell. Watched rather than listed per pod-less Job:
    // one watch wakes the asset as soon as the refusal is recorded, where listing would cost an API
    // call per reconcile of every such Job and a polling timer. Events cannot be label-selected, so
    // the field selector is what bounds the cache: failed pod creations of Jobs only (ours and
    // others'), which a healthy cluster has almost none of and the API server expires (--event-ttl, 1h).
    jobEvents = new InformerEventSource<>(InformerEventSourceConfiguration.from(Event.class, Asset.class)
        .withName("run-job-events")
        .withFieldSelector(new FieldSelector(new FieldSelector.Field("involvedObject.kind", "Job"),
            new FieldSelector.Field("reason", PodRefusals.FAILED_CREATE)))
        .withSecondaryToPrimaryMapper(this::assetOfJobEvent)
        .build(), context);
    jobEvents.addIndexers(Map.of(EVENTS_BY_JOB_INDEX, event -> event.getInvolvedObject() == null ? List.of()
        : List.of(event.getMetadata().getNamespace() + "/" + event.getInvolvedObject().getName())));
    configMaps = new InformerEventSource<>(InformerEventSourceConfiguration.from(ConfigMap.class, Asset.class)
        .withName("asset-state")
        .withItemStore(CachePruning.withoutManagedFields())
        .withLabelSelector(Labels.MANAGED_SELECTOR + "," + Labels.STATE_OF)
        .withSecondaryToPrimaryMapper(configMap -> ownerAndDownstream(configMap, context))
        .build(), context);
    // ConfigMaps of SQL models: a change wakes the assets that name them. Only labelled ones are
    // cached, so the operator never holds every ConfigMap of the cluster (the label is documented
    // and the InvalidSpec of an unlabelled reference says so).
    sqlConfigMaps = new InformerEventSource<>(InformerEventSourceConfiguration.from(ConfigMap.class, Asset.class)
        .withName("sql-config-maps")
        .withLabelSelector(Labels.SQL_SELECTOR)
        .withSecondaryToPrimaryMapper(configMap -> context.getPrimaryCache()
            .byIndex(SQL_CONFIG_MAP_INDEX, configMap.getMetadata().getNamespace() + "/" + configMap.getMetadata().getName())
            .stream().map(ResourceID::fromResource).collect(Collectors.toSet()))
        .build(), context);
    // Upstream assets: a new or changed asset (a dependency that now exists, a blocking check that
    // now passes) wakes the assets that name it.
    InformerEventSource<Asset, Asset> upstream = new InformerEventSource<>(InformerEventSourceConfiguration.from(Asset.class, Asset.class)
        .withName("upstream-assets")
        .withSecondaryToPrimaryMapper(asset -> downstreamOf(asset.getMetadata().getNamespace(), asset.getMetadata().getName(), context))
        .build(), context);
    return List.of(jobs, pods, jobEvents, configMaps, sqlConfigMaps, upstream);
  }

  /** The slots an asset's runs take: its pool, and for transforms and reports the one-writer slot of the warehouse. */
  private static List<String> slotsOf(Asset asset) {
    if (asset.getSpec() == null) {
      return List.of();
    }
    String namespace = asset.getMetadata().getNamespace();
    List<String> slots = new java.util.ArrayList<>();
    if (asset.getSpec().getPool() != null) {
      slots.add(namespace + "/pool/" + asset.getSpec().getPool());
    }
    if (WarehouseAccess.opensWarehouse(asset.getSpec())) {
      slots.add(namespace + "/writer");
    }
    return slots;
  }

  /** A Job wakes its asset, and the assets that may be waiting for the slot it held. */
  private static Set<ResourceID> ownerAndSlotSharers(Job job, EventSourceContext<Asset> context) {
    Map<String, String> labels = job.getMetadata().getLabels();
    String namespace = job.getMetadata().getNamespace();
    Set<ResourceID> ids = new HashSet<>();
    ids.add(new ResourceID(labels.get(Labels.ASSET), namespace));
    if (RunSlots.finished(job)) {
      if (labels.containsKey(Labels.POOL)) {
        context.getPrimaryCache().byIndex(SLOT_INDEX, namespace + "/pool/" + labels.get(Labels.POOL))
            .forEach(asset -> ids.add(ResourceID.fromResource(asset)));
      }
      if (labels.containsKey(Labels.WRITER)) {
        context.getPrimaryCache().byIndex(SLOT_INDEX, namespace + "/writer")
            .forEach(asset -> ids.add(ResourceID.fromResource(asset)));
      }
    }
    return ids;
  }

  /** The asset whose run Job an Event is about; none for Jobs that are not run Jobs. */
  private Set<ResourceID> assetOfJobEvent(Event event) {
    String namespace = event.getMetadata().getNamespace();
    if (event.getInvolvedObject() == null || event.getInvolvedObject().getName() == null) {
      return Set.of();
    }
    return jobs.get(new ResourceID(event.getInvolvedObject().getName(), namespace))
        .map(job -> job.getMetadata().getLabels().get(Labels.ASSET))
        .map(asset -> Set.of(new ResourceID(asset, namespace)))
        .orElse(Set.of());
  }

  private static Set<ResourceID> ownerAndDownstream(ConfigMap configMap, EventSourceContext<Asset> context) {
    String namespace = configMap.getMetadata().getNamespace();
    String owner = configMap.getMetadata().getLabels().get(Labels.STATE_OF);
    if (RunHistoryStore.COMPONENT.equals(configMap.getMetadata().getLabels().get(Labels.COMPONENT))) {
      // A run history is read by people, not by downstream assets' plans.
      return new HashSet<>(Set.of(new ResourceID(owner, namespace)));
    }
    Set<ResourceID> ids = downstreamOf(namespace, owner, context);
    ids.add(new ResourceID(owner, namespace));
    return ids;
  }

  private static Set<ResourceID> downstreamOf(String namespace, String asset, EventSourceContext<Asset> context) {
    Set<ResourceID> ids = new HashSet<>();
    for (Asset downstream : context.getPrimaryCache().byIndex(DOWNSTREAM_INDEX, namespace + "/" + asset)) {
      ids.add(ResourceID.fromResource(downstream));
    }
    return ids;
  }

  JobCache jobCache() {
    return new JobCache() {
      @Override
      public List<Job> inNamespace(String namespace) {
        return jobs.list(namespace, job -> true).toList();
      }

      @Override
      public void created(Job job) {
        jobs.handleRecentResourceCreate(ResourceID.fromResource(job), job);
      }
    };
  }

  ConfigMapCache configMapCache() {
    return new ConfigMapCache() {
      @Override
      public Optional<ConfigMap> get(String namespace, String name) {
        return configMaps.get(new ResourceID(name, namespace));
      }

      @Override
      public void written(ConfigMap configMap, ConfigMap previous) {
        if (previous == null) {
          configMaps.handleRecentResourceCreate(ResourceID.fromResource(configMap), configMap);
        } else {
          configMaps.handleRecentResourceUpdate(ResourceID.fromResource(configMap), configMap, previous);
        }
      }
    };
  }

  /** The ConfigMaps of SQL models of {@code namespace}, from the cache. */
  TransformModels.ConfigMaps sqlConfigMapsIn(String namespace) {
    return name -> sqlConfigMaps.get(new ResourceID(name, namespace));
  }

  /** The pods and Job Events of runs in {@code namespace}, from the caches. */
  RunObserver.Cluster runsIn(String namespace) {
    return new RunObserver.Cluster() {
      @Override
      public List<Pod> podsLabelled(String job) {
        return pods.byIndex(POD_BY_JOB_INDEX, namespace + "/" + job);
      }

      @Override
      public List<Event> eventsOf(Job job) {
        // FailedCreate only: the informer's field selector.
        return jobEvents.byIndex(EVENTS_BY_JOB_INDEX, namespace + "/" + job.getMetadata().getName());
      }
    };
  }
}
