package dev.eider.operator.api.branch;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;

/** The branch's staging database; never the production database. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DatabaseSpec {

  /** How the staging database starts. */
  public enum Mode {
    /** A copy of production: zero-copy on MotherDuck, a server-side copy of a DuckDB file. */
    @JsonProperty("clone") CLONE,
    /** An empty database: the branch builds everything itself. */
    @JsonProperty("empty") EMPTY
  }

  @JsonPropertyDescription("`clone` production's database or start `empty`. Default `clone`.")
  @Default("clone")
  private Mode mode;

  public Mode getMode() { return mode; }
  public void setMode(Mode mode) { this.mode = mode; }
}
