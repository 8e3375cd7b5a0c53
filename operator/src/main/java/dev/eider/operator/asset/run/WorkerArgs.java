package dev.eider.operator.asset.run;

import dev.eider.operator.api.asset.AssetSpec;
import dev.eider.operator.api.asset.AuthorFeedSource;
import dev.eider.operator.api.asset.BlueskySource;
import java.util.ArrayList;
import java.util.List;

/** The worker command line that materializes one partition of an asset (see the worker's README). */
public final class WorkerArgs {

  private WorkerArgs() {}

  public static List<String> of(String asset, AssetSpec spec, String partition) {
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
    } else {
      List<String> models = spec.getTransform().getModels();
      if (models == null || models.isEmpty()) {
        // Validation reports inline and ConfigMap SQL: the worker runs only models from its image.
        throw new IllegalArgumentException("a transform without spec.transform.models cannot run: " + asset);
      }
      args.addAll(List.of("transform", "--models", String.join(",", models)));
      if (!spec.getChecks().isEmpty()) {
        args.addAll(List.of("--check-asset", asset));
      }
    }
    return args;
  }
}
