package dev.eider.operator.branch.assets;

import static dev.eider.operator.branch.status.BranchConditions.*;

import dev.eider.operator.api.asset.Asset;
import dev.eider.operator.api.asset.AssetSpec;
import dev.eider.operator.api.branch.AssetSource;
import dev.eider.operator.api.branch.BranchDeployment;
import dev.eider.operator.api.branch.BranchDeploymentSpec;
import dev.eider.operator.api.branch.BranchDeploymentStatus;
import dev.eider.operator.api.branch.BranchDeploymentStatus.AssetChange;
import dev.eider.operator.api.branch.BranchOverrides;
import dev.eider.operator.api.branch.BranchPlan;
import dev.eider.operator.api.branch.DataDiffSpec;
import dev.eider.operator.api.branch.DataDiffStatus;
import dev.eider.operator.sql.CodeVersion;
import dev.eider.operator.sql.ModelSet;
import dev.eider.operator.sql.TransformModels;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.util.Optional;
import dev.eider.operator.branch.BranchEvent;
import dev.eider.operator.branch.BranchNames;
import dev.eider.operator.branch.status.BranchStatusBuilder.Outcome;
import dev.eider.operator.platform.EventReason;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Copies the base namespace's selected assets into the branch namespace ({@code assets.from: base})
 * once the namespace is there and the staging database is ready, following an {@link AssetSyncPlan},
 * after the base's ConfigMaps of models the branch does not bring itself ({@link ModelConfigMapCopies});
 * with {@code from: none} it leaves the branch's assets to GitOps. Either way it reports how the
 * branch's assets differ from the base's, code versions included ({@link AssetChanges}), and the
 * plan that follows: what the branch builds and what it takes from the base ({@link BranchPlanner}).
 * Only copies it makes carry the plan's reuse mark: with {@code from: none} the plan is reported.
 */
public final class AssetSyncStep {

  private static final Logger LOG = Logger.getLogger(AssetSyncStep.class);

  /** The condition, the changes and the plan, and what to record as synced (the previous values when nothing was synced). */
  public record Result(Outcome condition, List<AssetChange> changes, BranchPlan plan, String syncedCommit, String syncedSources,
                       List<BranchEvent> events, DataDiffStatus dataDiff) {}

  /** The changes against the base and the plan that follows from them. */
  private record Comparison(List<AssetChange> changes, BranchPlanner.Result plan) {}

  private final KubernetesClient client;
  private final Function<String, Stream<Asset>> assetsIn;
  private final Function<String, List<ConfigMap>> sqlConfigMapsIn;

  /** @param sqlConfigMapsIn a namespace's ConfigMaps of models (labelled), from a cache */
  public AssetSyncStep(KubernetesClient client, Function<String, Stream<Asset>> assetsIn, Function<String, List<ConfigMap>> sqlConfigMapsIn) {
    this.client = client;
    this.assetsIn = assetsIn;
    this.sqlConfigMapsIn = sqlConfigMapsIn;
  }

  /** @param production production's database, the data diff's base (null: no data diff) */
  public Result reconcile(BranchDeployment deployment, BranchNames names, boolean namespaceUsable, boolean databaseReady,
                          String production) {
    BranchDeploymentSpec spec = deployment.getSpec();
    BranchDeploymentStatus previous = deployment.getStatus() == null ? new BranchDeploymentStatus() : deployment.getStatus();
    String namespace = names.namespace();
    List<Asset> sources = assetsIn.apply(spec.getBaseNamespace())
        .filter(asset -> LabelSelectors.matches(spec.getAssets() == null ? null : spec.getAssets().getSelector(), asset.getMetadata().getLabels()))
        .sorted(Comparator.comparing(asset -> asset.getMetadata().getName()))
        .toList();
    List<Asset> inNamespace = namespaceUsable ? assetsIn.apply(namespace).toList() : List.of();
    // The data diff asset is the operator's own, not one of the branch's changes against the base.
    List<Asset> branch = inNamespace.stream().filter(asset -> !DataDiffAsset.isGenerated(asset)).toList();
    Optional<Asset> diffAsset = inNamespace.stream().filter(DataDiffAsset::isGenerated).findFirst();
    DataDiffStatus diffStatus = diffAsset.map(DataDiffAsset::status).orElse(previous.getDataDiff());
    List<ConfigMap> baseModels = sqlConfigMapsIn.apply(spec.getBaseNamespace());
    Map<String, ConfigMap> branchModels = new LinkedHashMap<>();
    if (namespaceUsable) {
      sqlConfigMapsIn.apply(namespace).forEach(configMap -> branchModels.put(configMap.getMetadata().getName(), configMap));
    }
    boolean fromBase = spec.getAssets() == null || spec.getAssets().getFrom() == null || spec.getAssets().getFrom() == AssetSource.From.BASE;
    if (!fromBase) {
      Comparison comparison = namespaceUsable ? compare(sources, specs(branch), baseModels, branchModels, spec.getOverrides(), true)
          : null;
      return new Result(new Outcome(true, NOT_MANAGED, "assets.from is none: the branch's assets come from GitOps; "
          + branch.size() + " asset(s) in " + namespace), comparison == null ? previous.getChanges() : comparison.changes(),
          comparison == null ? previous.getPlan() : comparison.plan().plan(), previous.getSyncedCommit(), previous.getSyncedSources(),
          List.of(), diffStatus);
    }
    if (!namespaceUsable) {
      return new Result(new Outcome(false, WAITING_FOR_NAMESPACE, "assets are copied once namespace " + namespace + " is active"),
          previous.getChanges(), previous.getPlan(), previous.getSyncedCommit(), previous.getSyncedSources(), List.of(), diffStatus);
    }
    // The models first: the copies that name a ConfigMap must find it. The branch's own ConfigMaps stay as they are.
    List<String> failures = new ArrayList<>();
    ModelConfigMapCopies models = ModelConfigMapCopies.plan(deployment.getMetadata().getName(), namespace, baseModels, branchModels);
    for (ConfigMap copy : models.create()) {
      writeModels(copy, branchModels, failures, () -> client.resource(copy).create());
    }
    for (ConfigMap copy : models.update()) {
      writeModels(copy, branchModels, failures, () -> client.resource(copy).update());
    }
    Map<String, AssetSpec> planned = specs(branch);
    sources.forEach(source -> planned.put(source.getMetadata().getName(), AssetCopies.applyOverrides(source.getSpec(), spec.getOverrides())));
    Comparison comparison = compare(sources, planned, baseModels, branchModels, spec.getOverrides(), rebuildsAll(spec));
    if (!databaseReady) {
      return new Result(new Outcome(false, WAITING_FOR_DATABASE, "assets are copied once the staging database is ready"),
          comparison.changes(), comparison.plan().plan(), previous.getSyncedCommit(), previous.getSyncedSources(), List.of(), diffStatus);
    }
    AssetSyncPlan plan = AssetSyncPlan.plan(deployment.getMetadata().getName(), namespace, sources, branch,
        spec.getOverrides(), spec.getCommit(), previous.getSyncedSources(), comparison.plan().reused());
    Map<String, Asset> after = new LinkedHashMap<>();
    branch.forEach(asset -> after.put(asset.getMetadata().getName(), asset));
    for (Asset asset : plan.create()) {
      write(asset, after, failures, () -> client.resource(asset).create());
    }
    for (Asset asset : plan.update()) {
      write(asset, after, failures, () -> client.resource(asset).update());
    }
    for (Asset asset : plan.delete()) {
      try {
        client.resource(asset).delete();
        after.remove(asset.getMetadata().getName());
      } catch (KubernetesClientException e) {
        failures.add("deleting " + asset.getMetadata().getName() + ": " + e.getMessage());
      }
    }
    List<AssetChange> changes = compare(sources, specs(new ArrayList<>(after.values())), baseModels, branchModels,
        spec.getOverrides(), true).changes();
    if (!failures.isEmpty()) {
      String message = "sync from " + spec.getBaseNamespace() + " failed, retrying: " + String.join("; ", failures);
      return new Result(new Outcome(false, SYNC_FAILED, message), changes, comparison.plan().plan(), previous.getSyncedCommit(),
          previous.getSyncedSources(), List.of(new BranchEvent(EventReason.AssetsSyncFailed, message)), diffStatus);
    }
    List<BranchEvent> events = new ArrayList<>();
    DataDiffStatus dataDiff = syncDataDiff(deployment, names, new ArrayList<>(after.values()), comparison.plan().reused(),
        inBranchModels(baseModels, branchModels), production, diffAsset, events);
    if (!plan.isEmpty()) {
      String message = "synced assets from " + spec.getBaseNamespace() + (spec.getCommit() == null ? "" : " at commit " + spec.getCommit())
          + ": " + plan.create().size() + " created, " + plan.update().size() + " updated, " + plan.delete().size() + " deleted; "
          + comparison.plan().plan().getRebuild().size() + " to build, " + comparison.plan().reused().size() + " taken from the base";
      LOG.infof("branch %s: %s", deployment.getMetadata().getName(), message);
      events.add(new BranchEvent(EventReason.AssetsSynced, message));
    }
    return new Result(new Outcome(true, SYNCED, sources.size() + " asset(s) of " + spec.getBaseNamespace() + " copied"
        + (spec.getCommit() == null ? "" : " for commit " + spec.getCommit())), changes, comparison.plan().plan(), spec.getCommit(),
        plan.fingerprint(), events, dataDiff);
  }

  /**
   * Makes, rewrites or deletes the branch's data diff asset for what the plan rebuilds, and reads
   * its status. Failures to write it are reported as the diff's own, not as a failed sync.
   */
  private DataDiffStatus syncDataDiff(BranchDeployment deployment, BranchNames names, List<Asset> branch, Set<String> reused,
      Map<String, ConfigMap> models, String production, Optional<Asset> existing, List<BranchEvent> events) {
    Map<String, AssetSpec> specs = specs(branch);
    Set<String> rebuilt = new TreeSet<>(specs.keySet());
    rebuilt.removeAll(reused);
    boolean wanted = DataDiffSpec.enabled(deployment.getSpec().getDataDiff());
    List<DataDiffAsset.Table> tables = wanted ? DataDiffAsset.tables(specs, rebuilt, (name, spec) ->
        resolve(name, spec, models).map(ModelSet::models).orElse(List.of())) : List.of();
    Optional<Asset> desired = DataDiffAsset.desired(deployment.getMetadata().getName(), names.namespace(), names.branch(), tables,
        production, deployment.getSpec().getOverrides());
    try {
      if (desired.isEmpty()) {
        if (existing.isPresent()) {
          client.resource(existing.get()).delete();
        }
        return null;
      }
      if (specs.containsKey(DataDiffAsset.NAME)) {
        DataDiffStatus clash = new DataDiffStatus();
        clash.setPhase(DataDiffStatus.Phase.Failed);
        clash.setMessage("the branch has its own asset named " + DataDiffAsset.NAME + "; rename it to get a data diff");
        return clash;
      }
      if (existing.isEmpty()) {
        Asset created = client.resource(desired.get()).create();
        events.add(new BranchEvent(EventReason.DataDiffPlanned, "data diff asset " + DataDiffAsset.NAME + " compares "
            + tables.size() + " table(s) with " + production + " once " + String.join(", ",
            tables.stream().map(DataDiffAsset.Table::asset).distinct().toList()) + " rebuilt"));
        return DataDiffAsset.status(created);
      }
      if (DataDiffAsset.outdated(existing.get(), desired.get())) {
        return DataDiffAsset.status(client.resource(AssetSyncPlan.overwrite(existing.get(), desired.get())).update());
      }
      return DataDiffAsset.status(existing.get());
    } catch (KubernetesClientException e) {
      DataDiffStatus failed = existing.map(DataDiffAsset::status).orElseGet(DataDiffStatus::new);
      failed.setPhase(DataDiffStatus.Phase.Failed);
      failed.setMessage("writing asset " + DataDiffAsset.NAME + " failed, retrying: " + (e.getStatus() != null
          && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : e.getMessage()));
      return failed;
    }
  }

  private static Map<String, ConfigMap> inBranchModels(List<ConfigMap> baseModels, Map<String, ConfigMap> branchModels) {
    Map<String, ConfigMap> models = new LinkedHashMap<>();
    baseModels.forEach(configMap -> models.put(configMap.getMetadata().getName(), configMap));
    models.putAll(branchModels);
    return models;
  }

  /**
   * The branch's assets against the base's, code versions included: each transform's models are
   * resolved with its own namespace's ConfigMaps (the branch's own, else the base's it gets copied).
   */
  private static Comparison compare(List<Asset> sources, Map<String, AssetSpec> branch, List<ConfigMap> baseModels,
      Map<String, ConfigMap> branchModels, BranchOverrides overrides, boolean all) {
    Map<String, ConfigMap> base = new LinkedHashMap<>();
    baseModels.forEach(configMap -> base.put(configMap.getMetadata().getName(), configMap));
    Map<String, ConfigMap> inBranch = inBranchModels(baseModels, branchModels);
    Map<String, AssetSpec> baseSpecs = specs(sources);
    List<AssetChange> changes = AssetChanges.compare(baseSpecs, branch, overrides, codeVersions(baseSpecs, base), codeVersions(branch, inBranch));
    return new Comparison(changes, all ? BranchPlanner.all(branch, changes) : BranchPlanner.plan(branch, changes));
  }

  /**
   * Whether the branch builds every copy: asked for ({@code assets.rebuild: all}), or it runs its
   * own worker image, whose models' code the operator cannot see. With {@code from: none} nothing
   * is marked either: GitOps' assets all run, and the plan is reported as {@code all}.
   */
  static boolean rebuildsAll(BranchDeploymentSpec spec) {
    boolean ownImage = spec.getOverrides() != null && spec.getOverrides().getImage() != null && !spec.getOverrides().getImage().isBlank();
    return ownImage || (spec.getAssets() != null && spec.getAssets().getRebuild() == AssetSource.Rebuild.ALL);
  }

  private static Map<String, CodeVersion> codeVersions(Map<String, AssetSpec> specs, Map<String, ConfigMap> configMaps) {
    Map<String, CodeVersion> versions = new LinkedHashMap<>();
    specs.forEach((name, spec) -> {
      if (spec.getTransform() != null) {
        resolve(name, spec, configMaps).ifPresent(set -> versions.put(name, set.codeVersion()));
      }
    });
    return versions;
  }

  /** A transform's models, resolved with the ConfigMaps of models by name; empty when they cannot be. */
  private static Optional<ModelSet> resolve(String name, AssetSpec spec, Map<String, ConfigMap> configMaps) {
    return Optional.ofNullable(TransformModels.resolve(name, spec.getTransform(),
        configMap -> Optional.ofNullable(configMaps.get(configMap))).set());
  }

  private static void writeModels(ConfigMap copy, Map<String, ConfigMap> branchModels, List<String> failures,
      java.util.function.Supplier<ConfigMap> call) {
    try {
      branchModels.put(copy.getMetadata().getName(), call.get());
    } catch (KubernetesClientException e) {
      if (e.getCode() == 409) {
        // A ConfigMap of that name without the models label, or one written since the cache saw it: the branch's own.
        return;
      }
      failures.add("ConfigMap " + copy.getMetadata().getName() + ": " + (e.getStatus() != null && e.getStatus().getMessage() != null
          ? e.getStatus().getMessage() : e.getMessage()));
    }
  }

  private static void write(Asset asset, Map<String, Asset> after, List<String> failures, java.util.function.Supplier<Asset> call) {
    try {
      after.put(asset.getMetadata().getName(), call.get());
    } catch (KubernetesClientException e) {
      failures.add(asset.getMetadata().getName() + ": " + (e.getStatus() != null && e.getStatus().getMessage() != null
          ? e.getStatus().getMessage() : e.getMessage()));
    }
  }

  private static Map<String, AssetSpec> specs(List<Asset> assets) {
    Map<String, AssetSpec> specs = new LinkedHashMap<>();
    assets.stream().filter(asset -> asset.getSpec() != null).forEach(asset -> specs.put(asset.getMetadata().getName(), asset.getSpec()));
    return specs;
  }
}
