package dev.eider.operator.branch.assets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eider.operator.api.asset.AssetSpec;
import dev.eider.operator.api.branch.BranchDeploymentStatus.AssetChange;
import dev.eider.operator.api.branch.BranchOverrides;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * How a branch's assets differ from the base's: {@code Added} (only in the branch), {@code Removed}
 * (only in the base) or {@code Modified} (the specs differ once the fields the branch's overrides
 * set are left out of both, so a copy that differs only by its image or a suspended cron is not a change).
 */
public final class AssetChanges {

  private AssetChanges() {}

  /** The changes, sorted by asset name. */
  public static List<AssetChange> compare(Map<String, AssetSpec> base, Map<String, AssetSpec> branch, BranchOverrides overrides) {
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
      } else if (!withoutOverrides(inBase, overrides).equals(withoutOverrides(inBranch, overrides))) {
        changes.add(change(name, AssetChange.Change.Modified));
      }
    }
    return changes;
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
