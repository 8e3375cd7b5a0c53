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

  @JsonPropertyDescription("Assets added, modified or removed in the branch compared with the base namespace.")
  private List<AssetChange> changes = new ArrayList<>();

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
  public List<AssetChange> getChanges() { return changes; }
  public void setChanges(List<AssetChange> changes) { this.changes = changes; }
  public String getExpiresAt() { return expiresAt; }
  public void setExpiresAt(String expiresAt) { this.expiresAt = expiresAt; }

  /** The staging database as observed. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class DatabaseStatus {

    @JsonPropertyDescription("Name (or connection string without secrets) of the staging database.")
    private String name;

    @JsonPropertyDescription("Whether the database exists and assets may run against it.")
    private Boolean ready;

    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public Boolean getReady() { return ready; }
    public void setReady(Boolean ready) { this.ready = ready; }
  }

  /** One asset that differs between the branch and the base. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class AssetChange {

    /** How the branch's asset differs. */
    public enum Change { Added, Modified, Removed }

    @JsonPropertyDescription("Name of the asset.")
    private String asset;

    @JsonPropertyDescription("`Added` (only in the branch), `Modified` (spec differs) or `Removed` (only in the base).")
    private Change change;

    public String getAsset() { return asset; }
    public void setAsset(String asset) { this.asset = asset; }
    public Change getChange() { return change; }
    public void setChange(Change change) { this.change = change; }
  }
}
