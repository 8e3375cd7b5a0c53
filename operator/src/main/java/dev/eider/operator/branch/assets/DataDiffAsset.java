package dev.eider.operator.branch.assets;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eider.operator.api.ApiLimits;
import dev.eider.operator.api.asset.Asset;
import dev.eider.operator.api.asset.AssetConditions;
import dev.eider.operator.api.asset.AssetSpec;
import dev.eider.operator.api.asset.AutomationSpec;
import dev.eider.operator.api.asset.DependencySpec;
import dev.eider.operator.api.asset.DiffTable;
import dev.eider.operator.api.asset.ReportSpec;
import dev.eider.operator.api.branch.BranchOverrides;
import dev.eider.operator.api.branch.DataDiffStatus;
import dev.eider.operator.api.branch.DataDiffTable;
import dev.eider.operator.branch.BranchLabels;
import dev.eider.operator.platform.Labels;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The asset a branch gets for its data diff (as Datafold does for a pull request): a {@code dataDiff}
 * report over the tables of every transform the branch rebuilds, compared with the same tables of
 * production's database, keyed by each transform's {@code transform.keys}. It depends on those
 * transforms ({@code partitionMapping: all}, eager), so it runs after they rebuilt and again
 * whenever one rebuilds. The operator owns it: it is made, changed and deleted with the plan, and it
 * is not one of the branch's changes against the base.
 */
public final class DataDiffAsset {

  public static final String NAME = "eider-data-diff";
  /** Marks the asset as the operator's, made for the named BranchDeployment. */
  public static final String GENERATED_ANNOTATION = "eider.dev/generated-for";
  /** Hash of the desired spec: a generated asset whose hash differs is rewritten. */
  static final String SPEC_HASH_ANNOTATION = "eider.dev/generated-spec-hash";
  private static final int TITLE_MAX = 200;

  /**
   * One table of a rebuilt transform, with its key.
   *
   * @param asset the transform asset that builds it
   */
  public record Table(String asset, String name, List<String> key) {}

  private DataDiffAsset() {}

  public static boolean isGenerated(Asset asset) {
    return asset.getMetadata().getAnnotations() != null && asset.getMetadata().getAnnotations().containsKey(GENERATED_ANNOTATION);
  }

  /**
   * The tables of the rebuilt transforms, in asset then model order, each with the key its asset
   * declares; at most {@value ApiLimits#MAX_DIFF_TABLES} (the rest are not compared).
   *
   * @param tablesOf a transform asset's tables (its resolved models), empty when they cannot be resolved
   */
  public static List<Table> tables(Map<String, AssetSpec> branch, Set<String> rebuilt,
      java.util.function.BiFunction<String, AssetSpec, List<String>> tablesOf) {
    List<Table> tables = new ArrayList<>();
    for (Map.Entry<String, AssetSpec> entry : new TreeMap<>(branch).entrySet()) {
      AssetSpec spec = entry.getValue();
      if (!rebuilt.contains(entry.getKey()) || spec.getTransform() == null) {
        continue;
      }
      Map<String, List<String>> keys = spec.getTransform().getKeys() == null ? Map.of() : spec.getTransform().getKeys();
      for (String model : tablesOf.apply(entry.getKey(), spec)) {
        if (tables.size() < ApiLimits.MAX_DIFF_TABLES && tables.stream().noneMatch(table -> table.name().equals(model))) {
          tables.add(new Table(entry.getKey(), model, keys.getOrDefault(model, List.of())));
        }
      }
    }
    return tables;
  }

  /**
   * The diff asset for these tables, or empty when there is nothing to compare.
   *
   * @param base production's database (the clone's source), as the worker takes it
   */
  public static Optional<Asset> desired(String deployment, String namespace, String branchName, List<Table> tables, String base,
                                        BranchOverrides overrides) {
    if (tables.isEmpty() || base == null) {
      return Optional.empty();
    }
    ReportSpec report = new ReportSpec();
    report.setKind(ReportSpec.Kind.DATA_DIFF);
    report.setBase(base);
    String title = "Data diff of branch " + branchName;
    report.setTitle(title.length() <= TITLE_MAX ? title : title.substring(0, TITLE_MAX));
    report.setTables(tables.stream().map(table -> new DiffTable(table.name(), table.key())).toList());
    AssetSpec spec = new AssetSpec();
    spec.setGroup("eider");
    spec.setDescription("The branch's rebuilt tables compared with production's (made by the operator)");
    spec.setReport(report);
    List<DependencySpec> deps = new ArrayList<>();
    tables.stream().map(Table::asset).distinct().forEach(asset -> {
      DependencySpec dep = new DependencySpec();
      dep.setAsset(asset);
      dep.setPartitionMapping(DependencySpec.PartitionMapping.ALL);
      deps.add(dep);
    });
    spec.setDeps(deps);
    AutomationSpec automation = new AutomationSpec();
    automation.setEager(true);
    spec.setAutomation(automation);
    // The branch's own worker image, if it has one: the diff runs the same code as the rebuilt transforms.
    AssetSpec withImage = AssetCopies.applyOverrides(spec, overrides);

    Map<String, String> labels = new LinkedHashMap<>(Labels.recommended(Labels.NAME_BRANCH, BranchLabels.labelValue(deployment), "data-diff"));
    labels.put(BranchLabels.BRANCH_DEPLOYMENT, BranchLabels.labelValue(deployment));
    Map<String, String> annotations = new LinkedHashMap<>();
    annotations.put(GENERATED_ANNOTATION, deployment);
    annotations.put(SPEC_HASH_ANNOTATION, AssetCopies.specHash(withImage));
    Asset asset = new Asset();
    asset.setMetadata(new ObjectMetaBuilder().withName(NAME).withNamespace(namespace).withLabels(labels)
        .withAnnotations(annotations).build());
    asset.setSpec(withImage);
    return Optional.of(asset);
  }

  /** Whether {@code existing} (the generated asset) must be rewritten to become {@code desired}. */
  public static boolean outdated(Asset existing, Asset desired) {
    return existing.getMetadata().getAnnotations() == null
        || !desired.getMetadata().getAnnotations().get(SPEC_HASH_ANNOTATION)
            .equals(existing.getMetadata().getAnnotations().get(SPEC_HASH_ANNOTATION));
  }

  /** The branch's view of the diff asset: pending until it materialized, then the worker's summary. */
  public static DataDiffStatus status(Asset diff) {
    DataDiffStatus status = new DataDiffStatus();
    status.setAsset(diff.getMetadata().getName());
    ReportSpec report = diff.getSpec() == null ? null : diff.getSpec().getReport();
    status.setBase(report == null ? null : report.getBase());
    Optional<Condition> failed = condition(diff, AssetConditions.FAILED).filter(condition -> "True".equals(condition.getStatus()));
    Optional<Condition> invalid = condition(diff, AssetConditions.READY).filter(condition -> AssetConditions.INVALID_SPEC.equals(condition.getReason()));
    var last = diff.getStatus() == null ? null : diff.getStatus().getLastMaterialization();
    if (invalid.isPresent() || failed.isPresent()) {
      status.setPhase(DataDiffStatus.Phase.Failed);
      status.setMessage(invalid.orElseGet(failed::get).getMessage());
    } else if (last == null || last.getMetadata() == null) {
      status.setPhase(DataDiffStatus.Phase.Pending);
      status.setMessage("waits for the rebuilt transforms to run: " + (diff.getSpec() == null || diff.getSpec().getDeps() == null ? ""
          : String.join(", ", diff.getSpec().getDeps().stream().map(DependencySpec::getAsset).toList())));
    } else {
      status.setPhase(DataDiffStatus.Phase.Ready);
    }
    if (last != null && last.getMetadata() != null) {
      summary(last.getMetadata(), status);
      status.setJob(last.getJob());
      status.setFinishedAt(last.getFinishedAt());
    }
    return status;
  }

  private static void summary(JsonNode result, DataDiffStatus status) {
    status.setReport(text(result, "report"));
    status.setTablesCompared(number(result, "tablesCompared"));
    status.setTablesDiffering(number(result, "tablesDiffering"));
    status.setTablesOmitted(number(result, "tablesOmitted"));
    List<DataDiffTable> tables = new ArrayList<>();
    for (JsonNode node : result.path("tables")) {
      if (node.isObject() && tables.size() < ApiLimits.MAX_DIFF_TABLES) {
        tables.add(Serialization.jsonMapper().convertValue(node, DataDiffTable.class));
      }
    }
    status.setTables(tables);
  }

  private static Optional<Condition> condition(Asset asset, String type) {
    if (asset.getStatus() == null || asset.getStatus().getConditions() == null) {
      return Optional.empty();
    }
    return asset.getStatus().getConditions().stream().filter(condition -> type.equals(condition.getType())).findFirst();
  }

  private static String text(JsonNode node, String field) {
    return node.path(field).isTextual() ? node.path(field).asText() : null;
  }

  private static Long number(JsonNode node, String field) {
    return node.path(field).canConvertToLong() ? node.path(field).asLong() : null;
  }
}
