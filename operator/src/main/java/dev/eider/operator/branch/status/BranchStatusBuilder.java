package dev.eider.operator.branch.status;

import static dev.eider.operator.branch.status.BranchConditions.*;

import dev.eider.operator.api.ApiLimits;
import dev.eider.operator.api.branch.BranchDeploymentStatus;
import dev.eider.operator.api.branch.BranchPlan;
import dev.eider.operator.api.branch.DataDiffStatus;
import dev.eider.operator.api.branch.BranchDeploymentStatus.AssetChange;
import dev.eider.operator.api.branch.BranchDeploymentStatus.DatabaseStatus;
import dev.eider.operator.asset.validation.SpecProblem;
import dev.eider.operator.platform.Conditions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The one place a BranchDeployment's status is written: each step reports its outcome, and
 * {@link #build()} derives {@code Ready} (all of NamespaceReady, DatabaseReady and AssetsSynced),
 * keeping every condition's transition time while its status holds.
 */
public final class BranchStatusBuilder {

  /** One condition's outcome as a step reports it. */
  public record Outcome(boolean ok, String reason, String message) {}

  private final BranchDeploymentStatus previous;
  private final long generation;
  private final Instant now;
  private List<SpecProblem> problems = List.of();
  private String namespace;
  private Outcome namespaceReady;
  private Outcome databaseReady;
  private DatabaseStatus database;
  private Outcome assetsSynced;
  private List<AssetChange> changes;
  private String syncedCommit;
  private String syncedSources;
  private BranchPlan plan;
  private DataDiffStatus dataDiff;
  private Optional<Instant> expiresAt = Optional.empty();

  public BranchStatusBuilder(BranchDeploymentStatus previous, long generation, Instant now) {
    this.previous = previous == null ? new BranchDeploymentStatus() : previous;
    this.generation = generation;
    this.now = now;
    this.database = this.previous.getDatabase();
    this.changes = this.previous.getChanges();
    this.syncedCommit = this.previous.getSyncedCommit();
    this.syncedSources = this.previous.getSyncedSources();
    this.plan = this.previous.getPlan();
    this.dataDiff = this.previous.getDataDiff();
    this.namespace = this.previous.getNamespace();
  }

  public BranchStatusBuilder invalid(List<SpecProblem> problems) {
    this.problems = problems;
    return this;
  }

  public BranchStatusBuilder expiresAt(Optional<Instant> expiresAt) {
    this.expiresAt = expiresAt;
    return this;
  }

  public BranchStatusBuilder namespace(String name, Outcome ready) {
    this.namespace = name;
    this.namespaceReady = ready;
    return this;
  }

  public BranchStatusBuilder database(DatabaseStatus database, Outcome ready) {
    this.database = database;
    this.databaseReady = ready;
    return this;
  }

  public BranchStatusBuilder assets(Outcome synced, List<AssetChange> changes, String syncedCommit, String syncedSources) {
    this.assetsSynced = synced;
    this.changes = changes;
    this.syncedCommit = syncedCommit;
    this.syncedSources = syncedSources;
    return this;
  }

  /** What the branch builds and what it takes from the base (null: not known yet). */
  public BranchStatusBuilder plan(BranchPlan plan) {
    this.plan = plan;
    return this;
  }

  /** The newest data diff (null: the branch has none). */
  public BranchStatusBuilder dataDiff(DataDiffStatus dataDiff) {
    this.dataDiff = dataDiff;
    return this;
  }

  public BranchDeploymentStatus build() {
    BranchDeploymentStatus status = new BranchDeploymentStatus();
    status.setObservedGeneration(generation);
    status.setNamespace(namespace);
    status.setDatabase(database);
    // Bounded, as the plan is: one status must stay well under an object's size limit.
    status.setChanges(changes == null ? new ArrayList<>()
        : new ArrayList<>(changes.subList(0, Math.min(changes.size(), ApiLimits.MAX_BRANCH_STATUS_ASSETS))));
    status.setPlan(plan);
    status.setDataDiff(dataDiff);
    status.setSyncedCommit(syncedCommit);
    status.setSyncedSources(syncedSources);
    status.setExpiresAt(expiresAt.map(Instant::toString).orElse(null));
    Conditions conditions = new Conditions(previous.getConditions(), generation, now);
    if (!problems.isEmpty()) {
      conditions.set(READY, false, INVALID_SPEC, problems.stream().map(SpecProblem::toString).collect(Collectors.joining("; ")));
      status.setConditions(conditions.build());
      return status;
    }
    set(conditions, NAMESPACE_READY, namespaceReady);
    set(conditions, DATABASE_READY, databaseReady);
    set(conditions, ASSETS_SYNCED, assetsSynced);
    List<String> waiting = new ArrayList<>();
    for (String type : List.of(NAMESPACE_READY, DATABASE_READY, ASSETS_SYNCED)) {
      if (!conditions.isTrue(type)) {
        waiting.add(type);
      }
    }
    if (waiting.isEmpty()) {
      conditions.set(READY, true, READY_REASON, "namespace " + namespace + " is ready"
          + (database != null && database.getName() != null ? ", database " + database.getName() : "")
          + ", " + status.getChanges().size() + " asset change(s) against the base");
    } else {
      conditions.set(READY, false, NOT_READY, "waiting for " + String.join(", ", waiting));
    }
    status.setConditions(conditions.build());
    return status;
  }

  private static void set(Conditions conditions, String type, Outcome outcome) {
    if (outcome != null) {
      conditions.set(type, outcome.ok(), outcome.reason(), outcome.message());
    }
  }
}
