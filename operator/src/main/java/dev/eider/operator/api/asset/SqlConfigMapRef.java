package dev.eider.operator.api.asset;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/**
 * A ConfigMap of SQL models in the asset's namespace. The same shape as the ConfigMapKeySelector
 * this field had before, with the key now optional: a whole {@code kubectl create configmap
 * --from-file=sql/models/} is a set of models. Name and key are checked by the operator (and so
 * reported as InvalidSpec on the Asset) rather than by the schema.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SqlConfigMapRef {

  @JsonPropertyDescription("Name of the ConfigMap, in the asset's namespace. It must carry the label `eider.dev/sql: models` "
      + "(the operator watches only those ConfigMaps).")
  @Required
  private String name;

  @JsonPropertyDescription("One key `<model>.sql` of the ConfigMap: only that model. Without it, every key ending in `.sql` is a "
      + "model named after the key, all run in dependency order; other keys are ignored.")
  private String key;

  public SqlConfigMapRef() {}

  public SqlConfigMapRef(String name, String key) {
    this.name = name;
    this.key = key;
  }

  public String getName() { return name; }
  public void setName(String name) { this.name = name; }
  public String getKey() { return key; }
  public void setKey(String key) { this.key = key; }
}
