package dev.eider.operator.api.asset;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.eider.operator.api.ApiLimits;
import dev.eider.operator.api.ApiPatterns;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/** One data quality check on a table of the asset, run by the worker after each materialization. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CheckSpec {

  /** The kinds of check the worker knows, as dbt calls the common ones. */
  public enum Type {
    @JsonProperty("unique") UNIQUE,
    @JsonProperty("notNull") NOT_NULL,
    @JsonProperty("acceptedValues") ACCEPTED_VALUES,
    @JsonProperty("rowCount") ROW_COUNT,
    @JsonProperty("freshness") FRESHNESS,
    @JsonProperty("sql") SQL
  }

  /** How bad a failure is: `warn` is reported, `error` fails the check. */
  public enum Severity {
    @JsonProperty("warn") WARN,
    @JsonProperty("error") ERROR
  }

  @JsonPropertyDescription("Name of the check, unique within the asset; shown in status and Events.")
  @Required
  @Pattern(ApiPatterns.SQL_IDENTIFIER)
  @Size(max = 63)
  private String name;

  @JsonPropertyDescription("Kind of check: `unique`, `notNull` and `acceptedValues` on `column`; `rowCount` between `min` and `max`; `freshness` (newest `column` value, or the last load, younger than `maxAge`); `sql` (rows returned are failures).")
  @Required
  private Type type;

  @JsonPropertyDescription("Table the check reads. Default: the asset's table (its only model, or its name with dashes as underscores).")
  @Pattern(ApiPatterns.SQL_IDENTIFIER)
  private String table;

  @JsonPropertyDescription("Column checked by `unique`, `notNull`, `acceptedValues`, and by `freshness` (a timestamp column).")
  private String column;

  @JsonPropertyDescription("Allowed values for `acceptedValues`: at most 1000, of at most 1024 characters each.")
  @Size(max = ApiLimits.MAX_CHECK_VALUES)
  private List<@Size(max = ApiLimits.MAX_CHECK_VALUE_LENGTH) String> values;

  @JsonPropertyDescription("Fewest rows for `rowCount`.")
  @Min(0)
  private Long min;

  @JsonPropertyDescription("Most rows for `rowCount`.")
  @Min(0)
  private Long max;

  @JsonPropertyDescription("Oldest acceptable age for `freshness`, a duration such as `26h`.")
  @Pattern(ApiPatterns.DURATION)
  private String maxAge;

  @JsonPropertyDescription("For `sql`: a SELECT whose rows are failures (none returned: the check passes).")
  private String sql;

  @JsonPropertyDescription("`error` fails the check, `warn` only reports it. Default `error`.")
  @Default("error")
  private Severity severity;

  @JsonPropertyDescription("A failing blocking check holds every downstream asset (condition Blocked) until it passes. Default false.")
  @Default("false")
  private Boolean blocking;

  public String getName() { return name; }
  public void setName(String name) { this.name = name; }
  public Type getType() { return type; }
  public void setType(Type type) { this.type = type; }
  public String getTable() { return table; }
  public void setTable(String table) { this.table = table; }
  public String getColumn() { return column; }
  public void setColumn(String column) { this.column = column; }
  public List<String> getValues() { return values; }
  public void setValues(List<String> values) { this.values = values; }
  public Long getMin() { return min; }
  public void setMin(Long min) { this.min = min; }
  public Long getMax() { return max; }
  public void setMax(Long max) { this.max = max; }
  public String getMaxAge() { return maxAge; }
  public void setMaxAge(String maxAge) { this.maxAge = maxAge; }
  public String getSql() { return sql; }
  public void setSql(String sql) { this.sql = sql; }
  public Severity getSeverity() { return severity; }
  public void setSeverity(Severity severity) { this.severity = severity; }
  public Boolean getBlocking() { return blocking; }
  public void setBlocking(Boolean blocking) { this.blocking = blocking; }
}
