package dev.eider.operator.api.asset;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.eider.operator.api.ApiLimits;
import dev.eider.operator.api.ApiPatterns;
import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.kubernetes.api.model.ConfigMapKeySelector;
import java.util.List;

/** SQL that builds the asset's tables: models shipped in the worker image, inline SQL, or SQL from a ConfigMap. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@SchemaCustomizer(value = SchemaCustomizer.MergePatchCustomizer.class,
    input = "{\"oneOf\":[{\"required\":[\"models\"]},{\"required\":[\"sql\"]},{\"required\":[\"configMapRef\"]}]}")
public class TransformSpec {

  @JsonPropertyDescription("Names of SQL models shipped in the worker image (`sql/`), run in dependency order; each becomes a table of that name. At most 100.")
  @Size(min = 1, max = ApiLimits.MAX_MODELS)
  private List<@Pattern(ApiPatterns.SQL_IDENTIFIER) String> models;

  @JsonPropertyDescription("Inline SQL SELECT; its result becomes a table named after the asset (dashes become underscores).")
  @Size(min = 1)
  private String sql;

  @JsonPropertyDescription("A key of a ConfigMap in the asset's namespace holding the SQL SELECT, for models managed outside the image.")
  private ConfigMapKeySelector configMapRef;

  public List<String> getModels() { return models; }
  public void setModels(List<String> models) { this.models = models; }
  public String getSql() { return sql; }
  public void setSql(String sql) { this.sql = sql; }
  public ConfigMapKeySelector getConfigMapRef() { return configMapRef; }
  public void setConfigMapRef(ConfigMapKeySelector configMapRef) { this.configMapRef = configMapRef; }
}
