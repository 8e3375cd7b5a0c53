package dev.eider.worker.checks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eider.contract.checks.CheckDefinition;
import dev.eider.contract.checks.CheckSql;
import dev.eider.contract.env.WorkerEnv;
import dev.eider.worker.run.WorkerFailure;
import dev.eider.worker.warehouse.RawSource;
import dev.eider.worker.warehouse.SqlProject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where checks come from: {@value #ENV} (a JSON array of {@code spec.checks[]} items, what the
 * operator passes from the Asset being checked), else the SQL project's {@code checks.yaml} (checks
 * per asset, for running from the image alone). Each check runs on its own {@code table}, else
 * {@code --table}, else its asset's table: the one {@code checks.yaml} names, the asset's raw table,
 * or the model named like the asset ({@code latest-feed} is {@code latest_feed}).
 */
public final class CheckCatalog {

  public static final String ENV = WorkerEnv.CHECKS;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A check and the table it runs on. */
  public record Planned(String asset, CheckDefinition check, String table) {}

  private record AssetChecks(String table, List<CheckDefinition> checks) {}

  private final SqlProject project;
  private final String origin;
  private final boolean fromEnvironment;
  private final Map<String, AssetChecks> byAsset;
  private final List<CheckDefinition> environmentChecks;

  private CheckCatalog(SqlProject project, String origin, Map<String, AssetChecks> byAsset, List<CheckDefinition> environmentChecks) {
    this.project = project;
    this.origin = origin;
    this.fromEnvironment = environmentChecks != null;
    this.byAsset = byAsset;
    this.environmentChecks = environmentChecks;
  }

  public static CheckCatalog load(Map<String, String> env, SqlProject project) {
    Map<String, AssetChecks> byAsset = fromProject(project);
    String json = env.get(ENV);
    if (json == null || json.isBlank()) {
      return new CheckCatalog(project, "checks.yaml (" + project.origin() + ")", byAsset, null);
    }
    try {
      List<CheckDefinition> checks = JSON.readValue(json, new TypeReference<List<CheckDefinition>>() {});
      List<CheckDefinition> validated = new ArrayList<>();
      for (CheckDefinition check : checks == null ? List.<CheckDefinition>of() : checks) {
        if (check == null) {
          throw WorkerFailure.badInput(ENV + " holds a null check");
        }
        validated.add(CheckValidation.validated(check, ENV));
      }
      return new CheckCatalog(project, ENV, byAsset, requireUniqueNames(validated, ENV));
    } catch (JsonProcessingException e) {
      throw WorkerFailure.badInput(ENV + " is not a JSON array of checks: " + e.getOriginalMessage());
    }
  }

  private static Map<String, AssetChecks> fromProject(SqlProject project) {
    Map<String, AssetChecks> byAsset = new LinkedHashMap<>();
    JsonNode assets = project.checks().map(root -> root.path("assets")).orElse(null);
    if (assets == null || !assets.isObject()) {
      return byAsset;
    }
    String origin = "checks.yaml (" + project.origin() + ")";
    assets.fields().forEachRemaining(entry -> {
      List<CheckDefinition> checks = new ArrayList<>();
      for (JsonNode node : entry.getValue().path("checks")) {
        try {
          checks.add(CheckValidation.validated(JSON.treeToValue(node, CheckDefinition.class), origin + ", asset " + entry.getKey()));
        } catch (JsonProcessingException e) {
          throw WorkerFailure.badInput(origin + ", asset " + entry.getKey() + ": " + e.getOriginalMessage());
        }
      }
      String table = entry.getValue().path("table").asText(null);
      byAsset.put(entry.getKey(), new AssetChecks(table, requireUniqueNames(checks, origin + ", asset " + entry.getKey())));
    });
    return byAsset;
  }

  private static List<CheckDefinition> requireUniqueNames(List<CheckDefinition> checks, String origin) {
    Set<String> names = new LinkedHashSet<>();
    for (CheckDefinition check : checks) {
      if (!names.add(check.name())) {
        throw WorkerFailure.badInput(origin + " defines check '" + check.name() + "' twice");
      }
    }
    return checks;
  }

  /**
   * The checks to run: those of {@code asset}, or those named by {@code names} (both: the named
   * checks of the asset), each with the table it runs on.
   */
  public List<Planned> select(String asset, Collection<String> names, String tableOption) {
    if (asset == null && (names == null || names.isEmpty())) {
      throw WorkerFailure.badInput("name the checks to run: --asset <name>, --checks <names>, or both");
    }
    if (tableOption != null) {
      CheckSql.identifierProblem(tableOption).ifPresent(problem -> {
        throw WorkerFailure.badInput("option --table: table " + problem);
      });
    }
    List<Planned> candidates = new ArrayList<>();
    if (fromEnvironment) {
      environmentChecks.forEach(check -> candidates.add(new Planned(asset, check, null)));
    } else if (asset != null) {
      AssetChecks checks = byAsset.get(asset);
      if (checks == null) {
        throw WorkerFailure.badInput("asset '" + asset + "' has no checks in " + origin + "; assets with checks: "
            + String.join(", ", byAsset.keySet()));
      }
      checks.checks().forEach(check -> candidates.add(new Planned(asset, check, null)));
    } else {
      byAsset.forEach((name, checks) -> checks.checks().forEach(check -> candidates.add(new Planned(name, check, null))));
    }
    List<Planned> selected = names == null || names.isEmpty() ? candidates : byName(candidates, names);
    if (selected.isEmpty()) {
      throw WorkerFailure.badInput("no checks to run" + (asset == null ? "" : " for asset '" + asset + "'") + " in " + origin);
    }
    return selected.stream().map(planned -> new Planned(planned.asset(), planned.check(),
        tableOf(planned.check(), planned.asset(), tableOption))).toList();
  }

  private List<Planned> byName(List<Planned> candidates, Collection<String> names) {
    List<Planned> selected = new ArrayList<>();
    for (String name : new LinkedHashSet<>(names)) {
      List<Planned> matching = candidates.stream().filter(planned -> planned.check().name().equals(name.strip())).toList();
      if (matching.isEmpty()) {
        throw WorkerFailure.badInput("unknown check '" + name.strip() + "' in " + origin + "; known: "
            + String.join(", ", candidates.stream().map(planned -> planned.check().name()).toList()));
      }
      if (matching.size() > 1) {
        throw WorkerFailure.badInput("check '" + name.strip() + "' is defined for several assets ("
            + String.join(", ", matching.stream().map(Planned::asset).toList()) + "): give --asset");
      }
      selected.add(matching.get(0));
    }
    return selected;
  }

  private String tableOf(CheckDefinition check, String asset, String tableOption) {
    if (check.table() != null && !check.table().isBlank()) {
      return check.table();
    }
    if (tableOption != null && !tableOption.isBlank()) {
      return tableOption;
    }
    if (asset != null) {
      AssetChecks declared = byAsset.get(asset);
      if (declared != null && declared.table() != null) {
        return declared.table();
      }
      String raw = project.rawTableOfAsset(asset).map(RawSource::table).orElse(null);
      if (raw != null) {
        return raw;
      }
      String model = asset.replace('-', '_');
      if (project.models().containsKey(model)) {
        return model;
      }
    }
    if ("sql".equals(check.type())) {
      return null;
    }
    throw WorkerFailure.badInput("check '" + check.name() + "' names no table and "
        + (asset == null ? "no asset is given" : "asset '" + asset + "' has no table of its own")
        + ": set table in the check, or pass --table");
  }
}
