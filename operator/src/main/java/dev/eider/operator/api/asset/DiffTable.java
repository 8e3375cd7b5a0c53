package dev.eider.operator.api.asset;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.eider.operator.api.ApiLimits;
import dev.eider.operator.api.ApiPatterns;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/** One table of a data diff and the columns that identify its rows. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DiffTable {

  @JsonPropertyDescription("The table (a model's name).")
  @Required
  @Pattern(ApiPatterns.SQL_IDENTIFIER)
  @Size(max = 63)
  private String name;

  @JsonPropertyDescription("Columns that identify a row, so rows are compared as added, removed or changed. None: only "
      + "counts, statistics and the schema are compared. At most 16.")
  @Size(max = ApiLimits.MAX_KEY_COLUMNS)
  private List<@Pattern(ApiPatterns.SQL_IDENTIFIER) String> key;

  public DiffTable() {}

  public DiffTable(String name, List<String> key) {
    this.name = name;
    this.key = key == null || key.isEmpty() ? null : List.copyOf(key);
  }

  public String getName() { return name; }
  public void setName(String name) { this.name = name; }
  public List<String> getKey() { return key; }
  public void setKey(List<String> key) { this.key = key; }
}
