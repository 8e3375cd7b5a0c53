package dev.eider.operator.api.asset;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/** The code version of a transform's models, now and in its materializations. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CodeVersionStatus {

  public static final String CURRENT = "Current";
  public static final String CHANGED = "Changed";

  @JsonPropertyDescription("Current: every materialized partition holds what the current code builds; Changed: some hold "
      + "the output of an earlier code version (see the CodeVersion condition).")
  private String state;

  @JsonPropertyDescription("The current code version: a fingerprint of the models the asset builds, of their SQL "
      + "(whitespace and comments do not count) and of every model upstream of them (16 hex characters).")
  private String fingerprint;

  @JsonPropertyDescription("The code version of the oldest materialization that differs from `fingerprint`, "
      + "else `fingerprint`; absent before the first materialization.")
  private String materialized;

  @JsonPropertyDescription("Materialized partitions that hold the output of an earlier code version.")
  private Integer changedPartitions;

  @JsonPropertyDescription("The asset's models with their fingerprints: current, and as last materialized everywhere.")
  private List<ModelVersion> models = new ArrayList<>();

  public String getState() { return state; }
  public void setState(String state) { this.state = state; }
  public String getFingerprint() { return fingerprint; }
  public void setFingerprint(String fingerprint) { this.fingerprint = fingerprint; }
  public String getMaterialized() { return materialized; }
  public void setMaterialized(String materialized) { this.materialized = materialized; }
  public Integer getChangedPartitions() { return changedPartitions; }
  public void setChangedPartitions(Integer changedPartitions) { this.changedPartitions = changedPartitions; }
  public List<ModelVersion> getModels() { return models; }
  public void setModels(List<ModelVersion> models) { this.models = models; }

  /** One model's code version. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class ModelVersion {

    @JsonPropertyDescription("The model (its table).")
    private String name;

    @JsonPropertyDescription("Its current fingerprint: its SQL and the fingerprints of the models it reads.")
    private String fingerprint;

    @JsonPropertyDescription("Its fingerprint when every partition last held the current code; absent if unknown (a new model).")
    private String materialized;

    public ModelVersion() {}

    public ModelVersion(String name, String fingerprint, String materialized) {
      this.name = name;
      this.fingerprint = fingerprint;
      this.materialized = materialized;
    }

    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getFingerprint() { return fingerprint; }
    public void setFingerprint(String fingerprint) { this.fingerprint = fingerprint; }
    public String getMaterialized() { return materialized; }
    public void setMaterialized(String materialized) { this.materialized = materialized; }
  }
}
