package dev.eider.operator.branch.assets;

import static dev.eider.operator.branch.status.BranchConditions.*;

import dev.eider.operator.api.asset.Asset;
import dev.eider.operator.api.asset.AssetSpec;
import dev.eider.operator.api.branch.AssetSource;
import dev.eider.operator.api.branch.BranchDeployment;
import dev.eider.operator.api.branch.BranchDeploymentSpec;
import dev.eider.operator.api.branch.BranchDeploymentStatus;
import dev.eider.operator.api.branch.BranchDeploymentStatus.AssetChange;
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
import java.util.function.Function;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Copies the base namespace's selected assets into the branch namespace ({@code assets.from: base})
 * once the namespace is there and the staging database is ready, following an {@link AssetSyncPlan};
 * with {@code from: none} it leaves the branch's assets to GitOps. Either way it reports how the
 * branch's assets differ from the base's ({@link AssetChanges}).
 */
public final class AssetSyncStep {

  private static final Logger LOG = Logger.getLogger(AssetSyncStep.class);

  /** The condition, the changes, and what to record as synced (the previous values when nothing was synced). */
  public record Result(Outcome condition, List<AssetChange> changes, String syncedCommit, String syncedSources, List<BranchEvent> events) {}

  private final KubernetesClient client;
  private final Function<String, Stream<Asset>> assetsIn;

  public AssetSyncStep(KubernetesClient client, Function<String, Stream<Asset>> assetsIn) {
    this.client = client;
    this.assetsIn = assetsIn;
  }

  public Result reconcile(BranchDeployment deployment, BranchNames names, boolean namespaceUsable, boolean databaseReady) {
    BranchDeploymentSpec spec = deployment.getSpec();
    BranchDeploymentStatus previous = deployment.getStatus() == null ? new BranchDeploymentStatus() : deployment.getStatus();
    String namespace = names.namespace();
    List<Asset> sources = assetsIn.apply(spec.getBaseNamespace())
        .filter(asset -> LabelSelectors.matches(spec.getAssets() == null ? null : spec.getAssets().getSelector(), asset.getMetadata().getLabels()))
        .sorted(Comparator.comparing(asset -> asset.getMetadata().getName()))
        .toList();
    List<Asset> branch = namespaceUsable ? assetsIn.apply(namespace).toList() : List.of();
    boolean fromBase = spec.getAssets() == null || spec.getAssets().getFrom() == null || spec.getAssets().getFrom() == AssetSource.From.BASE;
    if (!fromBase) {
      return new Result(new Outcome(true, NOT_MANAGED, "assets.from is none: the branch's assets come from GitOps; "
          + branch.size() + " asset(s) in " + namespace), namespaceUsable ? changes(sources, branch, deployment) : previous.getChanges(),
          previous.getSyncedCommit(),
          previous.getSyncedSources(), List.of());
    }
    if (!namespaceUsable) {
      return new Result(new Outcome(false, WAITING_FOR_NAMESPACE, "assets are copied once namespace " + namespace + " is active"),
          previous.getChanges(), previous.getSyncedCommit(), previous.getSyncedSources(), List.of());
    }
    if (!databaseReady) {
      return new Result(new Outcome(false, WAITING_FOR_DATABASE, "assets are copied once the staging database is ready"),
          changes(sources, branch, deployment), previous.getSyncedCommit(), previous.getSyncedSources(), List.of());
    }
    AssetSyncPlan plan = AssetSyncPlan.plan(deployment.getMetadata().getName(), namespace, sources, branch,
        spec.getOverrides(), spec.getCommit(), previous.getSyncedSources());
    Map<String, Asset> after = new LinkedHashMap<>();
    branch.forEach(asset -> after.put(asset.getMetadata().getName(), asset));
    List<String> failures = new ArrayList<>();
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
    List<AssetChange> changes = changes(sources, new ArrayList<>(after.values()), deployment);
    if (!failures.isEmpty()) {
      String message = "sync from " + spec.getBaseNamespace() + " failed, retrying: " + String.join("; ", failures);
      return new Result(new Outcome(false, SYNC_FAILED, message), changes, previous.getSyncedCommit(), previous.getSyncedSources(),
          List.of(new BranchEvent(EventReason.AssetsSyncFailed, message)));
    }
    List<BranchEvent> events = new ArrayList<>();
    if (!plan.isEmpty()) {
      String message = "synced assets from " + spec.getBaseNamespace() + (spec.getCommit() == null ? "" : " at commit " + spec.getCommit())
          + ": " + plan.create().size() + " created, " + plan.update().size() + " updated, " + plan.delete().size() + " deleted";
      LOG.infof("branch %s: %s", deployment.getMetadata().getName(), message);
      events.add(new BranchEvent(EventReason.AssetsSynced, message));
    }
    return new Result(new Outcome(true, SYNCED, sources.size() + " asset(s) of " + spec.getBaseNamespace() + " copied"
        + (spec.getCommit() == null ? "" : " for commit " + spec.getCommit())), changes, spec.getCommit(), plan.fingerprint(), events);
  }

  private static void write(Asset asset, Map<String, Asset> after, List<String> failures, java.util.function.Supplier<Asset> call) {
    try {
      after.put(asset.getMetadata().getName(), call.get());
    } catch (KubernetesClientException e) {
      failures.add(asset.getMetadata().getName() + ": " + (e.getStatus() != null && e.getStatus().getMessage() != null
          ? e.getStatus().getMessage() : e.getMessage()));
    }
  }

  private static List<AssetChange> changes(List<Asset> sources, List<Asset> branch, BranchDeployment deployment) {
    return AssetChanges.compare(specs(sources), specs(branch), deployment.getSpec().getOverrides());
  }

  private static Map<String, AssetSpec> specs(List<Asset> assets) {
    Map<String, AssetSpec> specs = new LinkedHashMap<>();
    assets.stream().filter(asset -> asset.getSpec() != null).forEach(asset -> specs.put(asset.getMetadata().getName(), asset.getSpec()));
    return specs;
  }
}
