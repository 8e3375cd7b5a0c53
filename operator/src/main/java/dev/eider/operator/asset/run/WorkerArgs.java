package dev.eider.operator.asset.run;

import dev.eider.contract.args.WorkerCommandLine;
import dev.eider.operator.api.asset.AssetSpec;
import dev.eider.operator.api.asset.AuthorFeedSource;
import dev.eider.operator.api.asset.BlueskySource;
import dev.eider.operator.api.asset.ReportSpec;
import dev.eider.operator.asset.sql.ModelSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The worker command line that materializes one partition of an asset, in the contract's {@link WorkerCommandLine} form. */
public final class WorkerArgs {

  private WorkerArgs() {}

  /** For an ingestion, a report, or a transform of models the worker image ships. */
  public static List<String> of(String asset, AssetSpec spec, String partition) {
    List<String> models = spec.getTransform() == null ? null : spec.getTransform().getModels();
    if (spec.getTransform() != null && (models == null || models.isEmpty())) {
      // Inline and ConfigMap SQL is resolved (and validated) first: see TransformModels.
      throw new IllegalArgumentException("a transform without spec.transform.models needs its resolved models: " + asset);
    }
    return of(asset, spec, partition, spec.getTransform() == null ? null : ModelSet.shipped(models));
  }

  /** @param models the transform's resolved models, null for an ingestion or a report */
  public static List<String> of(String asset, AssetSpec spec, String partition, ModelSet models) {
    if (spec.getIngest() != null) {
      BlueskySource bluesky = spec.getIngest().getBluesky();
      if (bluesky.getStarterPack() != null) {
        String uri = bluesky.getStarterPack().getUri() != null ? bluesky.getStarterPack().getUri() : partition;
        return WorkerCommandLine.ingestStarterPack(uri, asset, partition);
      }
      AuthorFeedSource feed = bluesky.getAuthorFeed();
      return WorkerCommandLine.ingestAuthorFeed(feed.getActor() != null ? feed.getActor() : partition,
          feed.getFilter() == null ? null : feed.getFilter().name().toLowerCase(Locale.ROOT),
          feed.getMode() == null ? null : feed.getMode().name().toLowerCase(Locale.ROOT), asset, partition);
    }
    if (spec.getReport() != null && spec.getReport().getKind() == ReportSpec.Kind.DATA_DIFF) {
      ReportSpec report = spec.getReport();
      Map<String, List<String>> tables = new LinkedHashMap<>();
      report.getTables().forEach(table -> tables.put(table.getName(), table.getKey()));
      return WorkerCommandLine.diff(report.getBase(), tables, report.getOutput(), report.getTitle());
    }
    if (spec.getReport() != null) {
      ReportSpec report = spec.getReport();
      return WorkerCommandLine.report(report.getKind().name().toLowerCase(Locale.ROOT), report.getOutput(), report.getTitle());
    }
    return WorkerCommandLine.transform(models.models(), spec.getChecks().isEmpty() ? null : asset);
  }
}
