package dev.eider.operator.branch.assets;

import dev.eider.operator.api.ApiLimits;
import dev.eider.operator.api.asset.AssetSpec;
import dev.eider.operator.api.asset.DependencySpec;
import dev.eider.operator.api.branch.BranchDeploymentStatus.AssetChange;
import dev.eider.operator.api.branch.BranchPlan;
import dev.eider.operator.api.branch.BranchPlan.Rebuild;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a branch builds and what it takes from its base, as SQLMesh's plan: an asset that changed
 * (added, or modified in spec or code version) is rebuilt, and so is everything downstream of it by
 * {@code deps}, however deep; every other asset of the branch is taken from the base unchanged: the
 * staging database cloned from production already holds its tables, and its raw objects are the
 * base's. A pure function of the branch's assets and the changes.
 */
public final class BranchPlanner {

  /** The plan, and the full set of reused assets (the status may list fewer). */
  public record Result(BranchPlan plan, Set<String> reused) {}

  private BranchPlanner() {}

  /**
   * @param branch the branch's assets (as they are or are about to be copied), by name
   * @param changes how they differ from the base ({@link AssetChanges})
   */
  public static Result plan(Map<String, AssetSpec> branch, List<AssetChange> changes) {
    Map<String, Rebuild> rebuild = new TreeMap<>();
    for (AssetChange change : changes) {
      if (change.getChange() != AssetChange.Change.Removed && branch.containsKey(change.getAsset())) {
        rebuild.put(change.getAsset(), new Rebuild(change.getAsset(), change.getChange() == AssetChange.Change.Added
            ? Rebuild.Reason.Added : Rebuild.Reason.Modified, null));
      }
    }
    Map<String, Set<String>> downstream = downstream(branch);
    Deque<String> todo = new ArrayDeque<>(new TreeSet<>(rebuild.keySet()));
    while (!todo.isEmpty()) {
      String changed = todo.removeFirst();
      for (String next : downstream.getOrDefault(changed, Set.of())) {
        if (!rebuild.containsKey(next)) {
          rebuild.put(next, new Rebuild(next, Rebuild.Reason.Downstream, changed));
          todo.addLast(next);
        }
      }
    }
    Set<String> reused = new TreeSet<>(branch.keySet());
    reused.removeAll(rebuild.keySet());

    BranchPlan plan = new BranchPlan();
    int room = ApiLimits.MAX_BRANCH_STATUS_ASSETS;
    List<Rebuild> listed = new ArrayList<>(rebuild.values()).subList(0, Math.min(rebuild.size(), room));
    plan.setRebuild(new ArrayList<>(listed));
    room -= listed.size();
    plan.setReuse(new ArrayList<>(reused).subList(0, Math.min(reused.size(), room)));
    int omitted = rebuild.size() + reused.size() - plan.getRebuild().size() - plan.getReuse().size();
    plan.setOmitted(omitted == 0 ? null : omitted);
    return new Result(plan, reused);
  }

  /** Every asset of the branch is built (changed ones with their reason, the others as Downstream of nothing): nothing is reused. */
  public static Result all(Map<String, AssetSpec> branch, List<AssetChange> changes) {
    Result changed = plan(branch, changes);
    Map<String, Rebuild> rebuild = new TreeMap<>();
    changed.plan().getRebuild().forEach(entry -> rebuild.put(entry.getAsset(), entry));
    for (String name : new TreeSet<>(branch.keySet())) {
      rebuild.putIfAbsent(name, new Rebuild(name, Rebuild.Reason.All, null));
    }
    BranchPlan plan = new BranchPlan();
    List<Rebuild> listed = new ArrayList<>(rebuild.values());
    plan.setRebuild(new ArrayList<>(listed.subList(0, Math.min(listed.size(), ApiLimits.MAX_BRANCH_STATUS_ASSETS))));
    plan.setOmitted(listed.size() > ApiLimits.MAX_BRANCH_STATUS_ASSETS ? listed.size() - ApiLimits.MAX_BRANCH_STATUS_ASSETS : null);
    return new Result(plan, Set.of());
  }

  /** For each asset, the assets that name it in {@code deps}, in name order. */
  private static Map<String, Set<String>> downstream(Map<String, AssetSpec> branch) {
    Map<String, Set<String>> downstream = new TreeMap<>();
    branch.forEach((name, spec) -> {
      for (DependencySpec dep : spec.getDeps() == null ? List.<DependencySpec>of() : spec.getDeps()) {
        if (dep.getAsset() != null) {
          downstream.computeIfAbsent(dep.getAsset(), key -> new TreeSet<>()).add(name);
        }
      }
    });
    return downstream;
  }
}
