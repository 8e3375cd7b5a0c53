package dev.eider.operator.branch.assets;

import dev.eider.operator.api.asset.Asset;
import dev.eider.operator.api.branch.BranchOverrides;
import dev.eider.operator.branch.BranchLabels;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a sync of a branch's assets writes. A sync happens when the commit, the overrides or the
 * selected base assets changed since the last one (their {@link AssetCopies#fingerprint}); in
 * between, the branch namespace is left alone, so people can edit or delete copies to try things.
 * A sync creates missing copies, rewrites copies made from another source spec, commit or overrides,
 * and deletes the copies it made of base assets that are gone or no longer selected.
 *
 * @param create copies to create
 * @param update copies to write over: the current object with the desired spec, labels and annotations
 * @param delete copies whose source is gone
 * @param fingerprint what this sync copies; recorded once it is applied
 */
public record AssetSyncPlan(List<Asset> create, List<Asset> update, List<Asset> delete, String fingerprint) {

  public boolean isEmpty() {
    return create.isEmpty() && update.isEmpty() && delete.isEmpty();
  }

  /**
   * @param sources the selected base assets
   * @param branch the assets now in the branch namespace
   * @param syncedFingerprint the fingerprint of the last applied sync, or null
   */
  public static AssetSyncPlan plan(String deployment, String namespace, List<Asset> sources, List<Asset> branch,
                                   BranchOverrides overrides, String commit, String syncedFingerprint) {
    return plan(deployment, namespace, sources, branch, overrides, commit, syncedFingerprint, Set.of());
  }

  /** @param reused the sources the branch's plan takes from the base unchanged ({@link BranchPlanner}) */
  public static AssetSyncPlan plan(String deployment, String namespace, List<Asset> sources, List<Asset> branch,
                                   BranchOverrides overrides, String commit, String syncedFingerprint, Set<String> reused) {
    String fingerprint = AssetCopies.fingerprint(sources, overrides, commit, reused);
    if (fingerprint.equals(syncedFingerprint)) {
      return new AssetSyncPlan(List.of(), List.of(), List.of(), fingerprint);
    }
    Map<String, Asset> current = new LinkedHashMap<>();
    branch.forEach(asset -> current.put(asset.getMetadata().getName(), asset));
    List<Asset> create = new ArrayList<>();
    List<Asset> update = new ArrayList<>();
    Set<String> sourceNames = new HashSet<>();
    for (Asset source : sources) {
      sourceNames.add(source.getMetadata().getName());
      Asset desired = AssetCopies.copy(source, namespace, deployment, overrides, commit,
          reused.contains(source.getMetadata().getName()));
      Asset existing = current.get(source.getMetadata().getName());
      if (existing == null) {
        create.add(desired);
      } else if (!Objects.equals(annotation(existing, BranchLabels.SYNC_ANNOTATION), annotation(desired, BranchLabels.SYNC_ANNOTATION))) {
        update.add(overwrite(existing, desired));
      }
    }
    String label = BranchLabels.labelValue(deployment);
    List<Asset> delete = branch.stream()
        .filter(asset -> !sourceNames.contains(asset.getMetadata().getName()))
        .filter(asset -> label.equals(labels(asset).get(BranchLabels.BRANCH_DEPLOYMENT)))
        .filter(asset -> annotation(asset, BranchLabels.COPIED_FROM_ANNOTATION) != null)
        .toList();
    return new AssetSyncPlan(create, update, delete, fingerprint);
  }

  /** {@code existing} with the desired spec; its other labels and annotations stay, the operator's are set. */
  static Asset overwrite(Asset existing, Asset desired) {
    Asset updated = new Asset();
    updated.setMetadata(new ObjectMetaBuilder(existing.getMetadata()).withManagedFields((List<ManagedFieldsEntry>) null).build());
    Map<String, String> labels = new LinkedHashMap<>(labels(existing));
    labels.putAll(labels(desired));
    updated.getMetadata().setLabels(labels);
    Map<String, String> annotations = new LinkedHashMap<>();
    if (existing.getMetadata().getAnnotations() != null) {
      annotations.putAll(existing.getMetadata().getAnnotations());
    }
    // The plan decides reuse: a copy it now builds loses the mark.
    annotations.remove(dev.eider.operator.platform.Labels.REUSED_FROM_ANNOTATION);
    annotations.putAll(desired.getMetadata().getAnnotations());
    updated.getMetadata().setAnnotations(annotations);
    updated.setSpec(desired.getSpec());
    return updated;
  }

  private static Map<String, String> labels(Asset asset) {
    return asset.getMetadata().getLabels() == null ? Map.of() : asset.getMetadata().getLabels();
  }

  private static String annotation(Asset asset, String key) {
    return asset.getMetadata().getAnnotations() == null ? null : asset.getMetadata().getAnnotations().get(key);
  }
}
