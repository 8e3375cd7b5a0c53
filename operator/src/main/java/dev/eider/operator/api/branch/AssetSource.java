package dev.eider.operator.api.branch;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Default;
import io.fabric8.kubernetes.api.model.LabelSelector;

/** Which assets a branch runs. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AssetSource {

  /** Where the branch's Asset manifests come from. */
  public enum From {
    /** Copied from the base namespace by the operator, with the overrides applied. */
    @JsonProperty("base") BASE,
    /** Not touched by the operator: GitOps syncs the branch's own manifests. */
    @JsonProperty("none") NONE
  }

  @JsonPropertyDescription("`base`: copy the base namespace's assets; `none`: leave the branch namespace's assets to GitOps. Default `base`.")
  @Default("base")
  private From from;

  /** Which copies the branch builds. */
  public enum Rebuild {
    /** Only what changed against the base and what is downstream of a change; the rest is taken from the base. */
    @JsonProperty("changed") CHANGED,
    /** Every copy runs in the branch, as in production. */
    @JsonProperty("all") ALL
  }

  @JsonPropertyDescription("`changed`: build only the assets that differ from the base (spec or models' code version) and those "
      + "downstream of them, and take the others from the base unchanged (see status.plan); `all`: build every copied asset. "
      + "A branch with its own worker image (overrides.image) builds all: the operator cannot see its code. Default `changed`.")
  @Default("changed")
  private Rebuild rebuild;

  @JsonPropertyDescription("Label selector of the base assets to copy. Omitted or empty: all of them. At most 100 labels, 100 expressions and 100 values in each.")
  @SchemaFrom(type = AssetSelectorSchema.class)
  private LabelSelector selector;

  public From getFrom() { return from; }
  public void setFrom(From from) { this.from = from; }
  public LabelSelector getSelector() { return selector; }
  public Rebuild getRebuild() { return rebuild; }
  public void setRebuild(Rebuild rebuild) { this.rebuild = rebuild; }
  public void setSelector(LabelSelector selector) { this.selector = selector; }
}
