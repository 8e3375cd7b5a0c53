package dev.eider.operator.sql;

import dev.eider.operator.api.ApiLimits;
import dev.eider.operator.api.ApiPatterns;
import dev.eider.operator.api.asset.SqlConfigMapRef;
import dev.eider.operator.api.asset.TransformSpec;
import dev.eider.operator.platform.SpecProblem;
import dev.eider.operator.platform.Labels;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Resolves an Asset's {@code spec.transform} into the {@link ModelSet} its runs build, and judges
 * the SQL it supplies before any run: model names, sizes, each model's shape ({@link ModelSqlRules})
 * and that every table a model reads is a model of its set, of the worker image, or a raw table.
 * Every problem names the field, the model and, where it can, the line; nothing here throws.
 */
public final class TransformModels {

  /** The ConfigMaps of the asset's namespace the operator watches (labelled {@value Labels#SQL_SELECTOR}). */
  public interface ConfigMaps {
    Optional<ConfigMap> get(String name);

    ConfigMaps NONE = name -> Optional.empty();
  }

  /** The set, or null when a problem prevents running it. */
  public record Resolution(ModelSet set, List<SpecProblem> problems) {}

  static final Pattern MODEL_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
  private static final Pattern KEY = Pattern.compile("[a-z_][a-z0-9_]{0,62}\\.sql");
  private static final Pattern CONFIG_MAP_NAME = Pattern.compile(ApiPatterns.DNS_SUBDOMAIN);
  /** Problems of single models reported at once: one bad generator would repeat one message a hundred times. */
  private static final int MAX_MODEL_PROBLEMS = 5;
  static final String INLINE_FIELD = "spec.transform.sql";
  static final String CONFIG_MAP_FIELD = "spec.transform.configMapRef";

  private TransformModels() {}

  public static Resolution resolve(String asset, TransformSpec transform, ConfigMaps configMaps) {
    if (transform.getModels() != null && !transform.getModels().isEmpty()) {
      return new Resolution(ModelSet.shipped(new TreeSet<>(transform.getModels()).stream().toList()), List.of());
    }
    if (transform.getSql() != null) {
      return inline(asset, transform.getSql());
    }
    if (transform.getConfigMapRef() != null) {
      return fromConfigMap(transform.getConfigMapRef(), configMaps);
    }
    return new Resolution(null, List.of(new SpecProblem("spec.transform.models", "names no model")));
  }

  private static Resolution inline(String asset, String sql) {
    String model = asset.replace('-', '_');
    List<SpecProblem> problems = new ArrayList<>();
    if (!MODEL_NAME.matcher(model).matches()) {
      problems.add(new SpecProblem(INLINE_FIELD, "the asset's name gives no model name (the table is the name with dashes as "
          + "underscores: lower-case letters, digits and underscores, starting with a letter, at most 63); use configMapRef"));
    } else if (ShippedSql.RAW_TABLES.contains(model)) {
      problems.add(new SpecProblem(INLINE_FIELD, "the table " + model + " named after the asset is a raw table"));
    } else if (sql.length() > ApiLimits.MAX_INLINE_SQL) {
      problems.add(new SpecProblem(INLINE_FIELD, "has " + sql.length() + " characters, more than the " + ApiLimits.MAX_INLINE_SQL
          + " allowed; put larger models in a ConfigMap (configMapRef)"));
    } else {
      modelProblem(INLINE_FIELD, "model " + model, model, sql, Set.of(model), new TreeMap<>()).ifPresent(problems::add);
    }
    return problems.isEmpty()
        ? new Resolution(new ModelSet(List.of(model), model, sql, null, ModelFingerprints.of(List.of(model), Map.of(model, sql))),
            List.of())
        : new Resolution(null, problems);
  }

  private static Resolution fromConfigMap(SqlConfigMapRef ref, ConfigMaps configMaps) {
    List<SpecProblem> problems = new ArrayList<>();
    String name = ref.getName();
    if (name == null || name.length() > 253 || !CONFIG_MAP_NAME.matcher(name).matches()) {
      problems.add(new SpecProblem(CONFIG_MAP_FIELD + ".name", "'" + shown(name) + "' is not a ConfigMap name of this namespace"));
    }
    if (ref.getKey() != null && !KEY.matcher(ref.getKey()).matches()) {
      problems.add(new SpecProblem(CONFIG_MAP_FIELD + ".key", "'" + shown(ref.getKey()) + "' is not <model>.sql (a model name is "
          + "lower-case letters, digits and underscores, starting with a letter or underscore, at most 63)"));
    }
    if (!problems.isEmpty()) {
      return new Resolution(null, problems);
    }
    Optional<ConfigMap> configMap = configMaps.get(name);
    if (configMap.isEmpty()) {
      return new Resolution(null, List.of(new SpecProblem(CONFIG_MAP_FIELD + ".name", "no ConfigMap '" + name + "' labelled "
          + Labels.SQL + ": " + Labels.SQL_MODELS + " in this namespace (the operator reads only ConfigMaps with that label)")));
    }
    Map<String, String> data = configMap.get().getData() == null ? Map.of() : configMap.get().getData();
    Map<String, String> models = new TreeMap<>();
    String where = "ConfigMap " + name;
    if (ref.getKey() != null) {
      if (!data.containsKey(ref.getKey())) {
        return new Resolution(null, List.of(new SpecProblem(CONFIG_MAP_FIELD + ".key", where + " has no key " + ref.getKey())));
      }
      models.put(modelOf(ref.getKey()), data.get(ref.getKey()));
    } else {
      for (Map.Entry<String, String> entry : new TreeMap<>(data).entrySet()) {
        if (!entry.getKey().endsWith(".sql")) {
          continue;
        }
        if (!KEY.matcher(entry.getKey()).matches()) {
          problems.add(new SpecProblem(CONFIG_MAP_FIELD, where + ": key '" + shown(entry.getKey()) + "' is not <model>.sql (a model "
              + "name is lower-case letters, digits and underscores, starting with a letter or underscore, at most 63)"));
          continue;
        }
        models.put(modelOf(entry.getKey()), entry.getValue());
      }
      if (models.isEmpty() && problems.isEmpty()) {
        problems.add(new SpecProblem(CONFIG_MAP_FIELD, where + " holds no <model>.sql key"));
      }
      if (models.size() > ApiLimits.MAX_MODELS) {
        problems.add(new SpecProblem(CONFIG_MAP_FIELD, where + " holds " + models.size() + " models, more than the "
            + ApiLimits.MAX_MODELS + " allowed"));
      }
    }
    if (!problems.isEmpty()) {
      return new Resolution(null, problems);
    }
    Map<String, Set<String>> reads = new TreeMap<>();
    for (Map.Entry<String, String> model : models.entrySet()) {
      if (problems.size() == MAX_MODEL_PROBLEMS) {
        break;
      }
      String label = "model " + model.getKey() + " (" + where + ", key " + model.getKey() + ".sql)";
      if (ShippedSql.RAW_TABLES.contains(model.getKey())) {
        problems.add(new SpecProblem(CONFIG_MAP_FIELD, label + ": has the name of a raw table"));
        continue;
      }
      modelProblem(CONFIG_MAP_FIELD, label, model.getKey(), model.getValue(), models.keySet(), reads).ifPresent(problems::add);
    }
    if (problems.isEmpty()) {
      ModelCycles.find(reads).ifPresent(cycle -> problems.add(new SpecProblem(CONFIG_MAP_FIELD, where + ": models form a cycle: "
          + String.join(" -> ", cycle) + " (each reads the next)")));
    }
    return problems.isEmpty()
        ? new Resolution(new ModelSet(List.copyOf(models.keySet()), null, null, new SqlConfigMapRef(name, ref.getKey()),
            ModelFingerprints.of(models.keySet(), models)), List.of())
        : new Resolution(null, problems);
  }

  /**
   * The first problem of one model: its shape, or a table it reads that nobody builds. The models
   * of {@code set} it reads go into {@code reads}, for the cycle check.
   */
  private static Optional<SpecProblem> modelProblem(String field, String label, String model, String sql, Set<String> set,
      Map<String, Set<String>> reads) {
    ModelSqlRules.Analysis analysis = ModelSqlRules.analyse(sql);
    reads.put(model, new TreeSet<>(analysis.tables().keySet().stream().filter(set::contains).toList()));
    if (analysis.problem().isPresent()) {
      return Optional.of(new SpecProblem(field, at(label, analysis.line()) + ": " + analysis.problem().get()));
    }
    for (Map.Entry<String, Integer> table : analysis.tables().entrySet()) {
      String read = table.getKey();
      if (read.equals(model)) {
        return Optional.of(new SpecProblem(field, at(label, table.getValue()) + ": reads its own table"));
      }
      if (!set.contains(read) && !ShippedSql.MODELS.contains(read) && !ShippedSql.RAW_TABLES.contains(read)) {
        return Optional.of(new SpecProblem(field, at(label, table.getValue()) + ": reads table " + shown(read) + ", which is no model "
            + "of the set, no model of the worker image and no raw table (" + String.join(", ", new TreeSet<>(ShippedSql.RAW_TABLES)) + ")"));
      }
    }
    return Optional.empty();
  }

  private static String at(String label, int line) {
    return line > 0 ? label + ", line " + line : label;
  }

  private static String modelOf(String key) {
    return key.substring(0, key.length() - ".sql".length());
  }

  private static String shown(String text) {
    if (text == null) {
      return "";
    }
    String cut = text.length() > 80 ? text.substring(0, 80) + "..." : text;
    return cut.replaceAll("\\p{Cntrl}", "?");
  }
}
