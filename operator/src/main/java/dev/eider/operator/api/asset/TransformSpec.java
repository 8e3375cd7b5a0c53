package dev.eider.operator.api.asset;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.eider.operator.api.ApiLimits;
import dev.eider.operator.api.ApiPatterns;
import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import java.util.List;
import java.util.Map;

/** SQL that builds the asset's tables: models shipped in the worker image, inline SQL, or SQL from a ConfigMap. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@SchemaCustomizer(value = SchemaCustomizer.MergePatchCustomizer.class,
    input = "{\"oneOf\":[{\"required\":[\"models\"]},{\"required\":[\"sql\"]},{\"required\":[\"configMapRef\"]}]}")
public class TransformSpec {

  @JsonPropertyDescription("Names of SQL models shipped in the worker image (`sql/`), run in dependency order; each becomes a table of that name. At most 100.")
  @Size(min = 1, max = ApiLimits.MAX_MODELS)
  private List<@Pattern(ApiPatterns.SQL_IDENTIFIER) String> models;

  @JsonPropertyDescription("Inline SQL: one read-only SELECT, a model whose table is named after the asset (dashes become "
      + "underscores). It may read the worker image's models and raw tables. At most 64 KiB.")
  @Size(min = 1, max = ApiLimits.MAX_INLINE_SQL)
  private String sql;

  @JsonPropertyDescription("SQL models from a ConfigMap of the asset's namespace, for models managed outside the image "
      + "(`kubectl create configmap --from-file=sql/models/`): each key `<model>.sql` is a model, a table of that name; "
      + "they may read each other, the worker image's models and raw tables.")
  private SqlConfigMapRef configMapRef;

  @JsonPropertyDescription("The columns that identify a row of each model's table, by model (for inline `sql`, the asset's "
      + "table): a branch's data diff compares rows by them (added, removed, changed). A model without a key is compared by "
      + "counts, statistics and schema only.")
  @Size(max = ApiLimits.MAX_MODELS)
  private Map<String, List<String>> keys;

  public List<String> getModels() { return models; }
  public void setModels(List<String> models) { this.models = models; }
  public String getSql() { return sql; }
  public void setSql(String sql) { this.sql = sql; }
  public SqlConfigMapRef getConfigMapRef() { return configMapRef; }
  public void setConfigMapRef(SqlConfigMapRef configMapRef) { this.configMapRef = configMapRef; }
  public Map<String, List<String>> getKeys() { return keys; }
  public void setKeys(Map<String, List<String>> keys) { this.keys = keys; }
}
