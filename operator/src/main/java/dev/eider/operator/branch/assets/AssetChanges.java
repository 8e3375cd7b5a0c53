package dev.eider.operator.branch.assets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eider.operator.api.ApiLimits;
import dev.eider.operator.api.asset.AssetSpec;
import dev.eider.operator.sql.CodeVersion;
import dev.eider.operator.api.branch.BranchDeploymentStatus.AssetChange;
import dev.eider.operator.api.branch.BranchOverrides;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * How a branch's assets differ from the base's: {@code Added} (only in the branch), {@code Removed}
 * (only in the base) or {@code Modified}: the specs differ once the fields the branch's overrides
 * set are left out of both (so a copy that differs only by its image or a suspended cron is not a
 * change), or the code versions of its models differ (a ConfigMap of models changed in the branch,
 * or a model upstream of them).
 */
public final class AssetChanges {

  private AssetChanges() {}

  /** The changes of the specs alone, sorted by asset name. */
  public static List<AssetChange> compare(Map<String, AssetSpec> base, Map<String, AssetSpec> branch, BranchOverrides overrides) {
    return compare(base, branch, overrides, Map.of(), Map.of());
  }

  /**
   * The changes, sorted by asset name.
   *
   * @param baseCode the code version of each base transform (absent: an ingestion, or models that do not resolve)
   * @param branchCode the same for the branch's transforms, resolved with the branch namespace's ConfigMaps
   */
  public static List<AssetChange> compare(Map<String, AssetSpec> base, Map<String, AssetSpec> branch, BranchOverrides overrides,
      Map<String, CodeVersion> baseCode, Map<String, CodeVersion> branchCode) {
    List<AssetChange> changes = new ArrayList<>();
    TreeSet<String> names = new TreeSet<>(base.keySet());
    names.addAll(branch.keySet());
    for (String name : names) {
      AssetSpec inBase = base.get(name);
      AssetSpec inBranch = branch.get(name);
      if (inBase == null) {
        changes.add(change(name, AssetChange.Change.Added));
      } else if (inBranch == null) {
        changes.add(change(name, AssetChange.Change.Removed));
      } else {
        boolean spec = !withoutOverrides(inBase, overrides).equals(withoutOverrides(inBranch, overrides));
        List<String> models = changedModels(baseCode.get(name), branchCode.get(name));
        if (spec || !models.isEmpty()) {
          AssetChange change = change(name, AssetChange.Change.Modified);
          change.setSpec(spec);
          change.setModels(models.isEmpty() ? null : models.subList(0, Math.min(models.size(), ApiLimits.MAX_CHANGED_MODELS)));
          changes.add(change);
        }
      }
    }
    return changes;
  }

  /** Models of the branch's version whose fingerprint differs from the base's; a side that does not resolve differs in all. */
  static List<String> changedModels(CodeVersion base, CodeVersion branch) {
    if (base == null && branch == null) {
      return List.of();
    }
    if (base == null || branch == null) {
      return List.copyOf((base == null ? branch : base).models().keySet());
    }
    return branch.changedSince(base.models());
  }

  /** The spec as a canonical tree without the fields the overrides set. */
  static JsonNode withoutOverrides(AssetSpec spec, BranchOverrides overrides) {
    JsonNode tree = AssetCopies.canonical(spec).deepCopy();
    if (!(tree instanceof ObjectNode root)) {
      return tree;
    }
    if (overrides != null && overrides.getImage() != null && !overrides.getImage().isBlank() && root.get("worker") instanceof ObjectNode worker) {
      worker.remove("image");
    }
    if (AssetCopies.suspendsCron(overrides) && root.get("automation") instanceof ObjectNode automation
        && automation.get("cron") instanceof ObjectNode cron) {
      cron.remove("suspend");
    }
    return AssetCopies.prune(root);
  }

  private static AssetChange change(String asset, AssetChange.Change kind) {
    AssetChange change = new AssetChange();
    change.setAsset(asset);
    change.setChange(kind);
    return change;
  }
}
