package dev.eider.operator.asset.run;

import dev.eider.operator.api.asset.AssetSpec;
import dev.eider.operator.api.asset.AuthorFeedSource;
import dev.eider.operator.api.asset.BlueskySource;
import dev.eider.operator.api.asset.DiffTable;
import dev.eider.operator.api.asset.ReportSpec;
import dev.eider.operator.asset.sql.ModelSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The worker command line that materializes one partition of an asset (see the worker's README). */
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
    List<String> args = new ArrayList<>();
    if (spec.getIngest() != null) {
      BlueskySource bluesky = spec.getIngest().getBluesky();
      if (bluesky.getStarterPack() != null) {
        String uri = bluesky.getStarterPack().getUri() != null ? bluesky.getStarterPack().getUri() : partition;
        args.addAll(List.of("ingest", "starter-pack", "--uri", uri));
      } else {
        AuthorFeedSource feed = bluesky.getAuthorFeed();
        String actor = feed.getActor() != null ? feed.getActor() : partition;
        args.addAll(List.of("ingest", "author-feed", "--actor", actor));
        if (feed.getFilter() != null) {
          args.addAll(List.of("--filter", feed.getFilter().name().toLowerCase()));
        }
        if (feed.getMode() != null) {
          args.addAll(List.of("--mode", feed.getMode().name().toLowerCase()));
        }
      }
      args.addAll(List.of("--asset", asset));
      if (!partition.isEmpty()) {
        args.addAll(List.of("--partition", partition));
      }
    } else if (spec.getReport() != null && spec.getReport().getKind() == ReportSpec.Kind.DATA_DIFF) {
      ReportSpec report = spec.getReport();
      args.addAll(List.of("diff", "--base", report.getBase()));
      for (DiffTable table : report.getTables()) {
        args.addAll(List.of("--table", table.getName() + (table.getKey() == null || table.getKey().isEmpty() ? ""
            : ":" + String.join(",", table.getKey()))));
      }
      if (report.getOutput() != null) {
        args.addAll(List.of("--report", report.getOutput()));
      }
      if (report.getTitle() != null) {
        args.addAll(List.of("--title", report.getTitle()));
      }
    } else if (spec.getReport() != null) {
      ReportSpec report = spec.getReport();
      args.addAll(List.of("report", report.getKind().name().toLowerCase(Locale.ROOT)));
      if (report.getOutput() != null) {
        args.addAll(List.of("--output", report.getOutput()));
      }
      if (report.getTitle() != null) {
        args.addAll(List.of("--title", report.getTitle()));
      }
    } else {
      args.addAll(List.of("transform", "--models", String.join(",", models.models())));
      if (!spec.getChecks().isEmpty()) {
        args.addAll(List.of("--check-asset", asset));
      }
    }
    return args;
  }
}
