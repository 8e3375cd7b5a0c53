package dev.eider.operator.api.branch;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

/** What exists for the branch and how its assets differ from the base. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class BranchDeploymentStatus {

  @JsonPropertyDescription("The `metadata.generation` this status describes.")
  private Long observedGeneration;

  @JsonPropertyDescription("Standard conditions: NamespaceReady, DatabaseReady, AssetsSynced, Ready.")
  private List<Condition> conditions = new ArrayList<>();

  @JsonPropertyDescription("Name of the branch namespace.")
  private String namespace;

  @JsonPropertyDescription("The staging database.")
  private DatabaseStatus database;

  @JsonPropertyDescription("Commit whose assets are synced into the branch namespace.")
  private String syncedCommit;

  @JsonPropertyDescription("Fingerprint of the base assets and overrides last copied; a change re-syncs the branch's assets.")
  private String syncedSources;

  @JsonPropertyDescription("Assets added, modified or removed in the branch compared with the base namespace.")
  private List<AssetChange> changes = new ArrayList<>();

  @JsonPropertyDescription("What the branch builds and what it takes from the base unchanged, decided before it runs anything.")
  private BranchPlan plan;

  @JsonPropertyDescription("The newest data diff of the branch's rebuilt tables against production's, once one ran.")
  private DataDiffStatus dataDiff;

  @JsonPropertyDescription("When the TTL deletes this branch deployment (RFC 3339, UTC).")
  private String expiresAt;

  public Long getObservedGeneration() { return observedGeneration; }
  public void setObservedGeneration(Long observedGeneration) { this.observedGeneration = observedGeneration; }
  public List<Condition> getConditions() { return conditions; }
  public void setConditions(List<Condition> conditions) { this.conditions = conditions; }
  public String getNamespace() { return namespace; }
  public void setNamespace(String namespace) { this.namespace = namespace; }
  public DatabaseStatus getDatabase() { return database; }
  public void setDatabase(DatabaseStatus database) { this.database = database; }
  public String getSyncedCommit() { return syncedCommit; }
  public void setSyncedCommit(String syncedCommit) { this.syncedCommit = syncedCommit; }
  public String getSyncedSources() { return syncedSources; }
  public void setSyncedSources(String syncedSources) { this.syncedSources = syncedSources; }
  public List<AssetChange> getChanges() { return changes; }
  public void setChanges(List<AssetChange> changes) { this.changes = changes; }
  public BranchPlan getPlan() { return plan; }
  public void setPlan(BranchPlan plan) { this.plan = plan; }
  public String getExpiresAt() { return expiresAt; }
  public void setExpiresAt(String expiresAt) { this.expiresAt = expiresAt; }
  public DataDiffStatus getDataDiff() { return dataDiff; }
  public void setDataDiff(DataDiffStatus dataDiff) { this.dataDiff = dataDiff; }

  /** The staging database as observed. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class DatabaseStatus {

    @JsonPropertyDescription("Name (or connection string without secrets) of the staging database.")
    private String name;

    @JsonPropertyDescription("Whether the database exists and assets may run against it.")
    private Boolean ready;

    @JsonPropertyDescription("`Empty` (created by the first transform), `Cloning`, `Retrying`, `Ready`, `Failed` (a new `eider.dev/reset-database` value tries again) or `Refused` (it would be a production database).")
    private String phase;

    @JsonPropertyDescription("Production database the staging database is cloned from; absent for `mode: empty`.")
    private String source;

    @JsonPropertyDescription("Value of the annotation `eider.dev/reset-database` the current clone answers; a new value clones production again.")
    private String resetRequest;

    @JsonPropertyDescription("Name of the clone Job in progress or last run, in the operator's job namespace.")
    private String job;

    @JsonPropertyDescription("Attempt of that clone, from 1.")
    private Integer attempt;

    @JsonPropertyDescription("When the next clone attempt starts after a failure (RFC 3339, UTC).")
    private String retryAt;

    @JsonPropertyDescription("When the last clone finished (RFC 3339, UTC).")
    private String clonedAt;

    @JsonPropertyDescription("What happened last, in one line: the clone's result or its error.")
    private String message;

    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public Boolean getReady() { return ready; }
    public void setReady(Boolean ready) { this.ready = ready; }
    public String getPhase() { return phase; }
    public void setPhase(String phase) { this.phase = phase; }
    public String getSource() { return source; }
    public void setSource(String source) { this.source = source; }
    public String getResetRequest() { return resetRequest; }
    public void setResetRequest(String resetRequest) { this.resetRequest = resetRequest; }
    public String getJob() { return job; }
    public void setJob(String job) { this.job = job; }
    public Integer getAttempt() { return attempt; }
    public void setAttempt(Integer attempt) { this.attempt = attempt; }
    public String getRetryAt() { return retryAt; }
    public void setRetryAt(String retryAt) { this.retryAt = retryAt; }
    public String getClonedAt() { return clonedAt; }
    public void setClonedAt(String clonedAt) { this.clonedAt = clonedAt; }
    public String getMessage() { return message; }
    public void setMessage(String message) { this.message = message; }
  }

  /** One asset that differs between the branch and the base. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class AssetChange {

    /** How the branch's asset differs. */
    public enum Change { Added, Modified, Removed }

    @JsonPropertyDescription("Name of the asset.")
    private String asset;

    @JsonPropertyDescription("`Added` (only in the branch), `Modified` (spec or models differ) or `Removed` (only in the base).")
    private Change change;

    @JsonPropertyDescription("For `Modified`: whether the spec differs (the fields the branch's overrides set left out).")
    private Boolean spec;

    @JsonPropertyDescription("For `Modified`: the models whose code version (SQL fingerprint, with everything upstream of it) differs "
        + "from the base's, in name order; at most 20.")
    private List<String> models;

    public Boolean getSpec() { return spec; }
    public void setSpec(Boolean spec) { this.spec = spec; }
    public List<String> getModels() { return models; }
    public void setModels(List<String> models) { this.models = models; }
    public String getAsset() { return asset; }
    public void setAsset(String asset) { this.asset = asset; }
    public Change getChange() { return change; }
    public void setChange(Change change) { this.change = change; }
  }
}
