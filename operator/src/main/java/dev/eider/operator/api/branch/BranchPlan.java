package dev.eider.operator.api.branch;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/** The assets a branch builds itself and the ones it takes from its base unchanged. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class BranchPlan {

  @JsonPropertyDescription("Assets the branch builds: changed against the base, or downstream of a change (by `deps`).")
  private List<Rebuild> rebuild = new ArrayList<>();

  @JsonPropertyDescription("Assets the branch takes from the base unchanged (same spec and code version, nothing changed upstream): "
      + "their copies do not run, the staging database already holds their tables and their raw objects are the base's.")
  private List<String> reuse = new ArrayList<>();

  @JsonPropertyDescription("Entries left out of `rebuild` and `reuse` to bound the status' size.")
  private Integer omitted;

  public List<Rebuild> getRebuild() { return rebuild; }
  public void setRebuild(List<Rebuild> rebuild) { this.rebuild = rebuild; }
  public List<String> getReuse() { return reuse; }
  public void setReuse(List<String> reuse) { this.reuse = reuse; }
  public Integer getOmitted() { return omitted; }
  public void setOmitted(Integer omitted) { this.omitted = omitted; }

  /** One asset the branch builds, and why. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Rebuild {

    /** Why an asset is built in the branch. */
    public enum Reason { Added, Modified, Downstream, All }

    @JsonPropertyDescription("Name of the asset.")
    private String asset;

    @JsonPropertyDescription("`Added` or `Modified` (see `changes`), `Downstream` of a changed asset, or `All`: the branch builds "
        + "every asset (assets.rebuild: all, its own worker image, or assets from GitOps).")
    private Reason reason;

    @JsonPropertyDescription("For `Downstream`: the changed asset it depends on (the first in name order).")
    private String upstream;

    public Rebuild() {}

    public Rebuild(String asset, Reason reason, String upstream) {
      this.asset = asset;
      this.reason = reason;
      this.upstream = upstream;
    }

    public String getAsset() { return asset; }
    public void setAsset(String asset) { this.asset = asset; }
    public Reason getReason() { return reason; }
    public void setReason(Reason reason) { this.reason = reason; }
    public String getUpstream() { return upstream; }
    public void setUpstream(String upstream) { this.upstream = upstream; }
  }
}
