package dev.eider.contract.args;

import java.util.ArrayList;
import java.util.List;

/**
 * The worker's command line ({@code java -jar eider-worker.jar <command>}): the command and option
 * names the worker's picocli commands declare, and the argument lists the operator passes to
 * them. The worker's tests parse every list built here with its real command line.
 */
public final class WorkerCommandLine {

  public static final String INGEST = "ingest";
  public static final String STARTER_PACK = "starter-pack";
  public static final String AUTHOR_FEED = "author-feed";
  public static final String TRANSFORM = "transform";
  public static final String CHECK = "check";
  public static final String REPORT = "report";
  public static final String DASHBOARD = "dashboard";
  public static final String DB = "db";
  public static final String CLONE = "clone";
  public static final String DROP = "drop";
  public static final String DIFF = "diff";

  public static final String URI = "--uri";
  public static final String ACTOR = "--actor";
  public static final String FILTER = "--filter";
  public static final String MODE = "--mode";
  public static final String ASSET = "--asset";
  public static final String PARTITION = "--partition";
  public static final String OUTPUT = "--output";
  public static final String TITLE = "--title";
  public static final String MODELS = "--models";
  public static final String CHECK_ASSET = "--check-asset";
  public static final String FROM = "--from";
  public static final String TO = "--to";
  public static final String REPLACE = "--replace";
  public static final String OBJECTS_PREFIX = "--objects-prefix";
  public static final String BASE = "--base";
  public static final String TABLE = "--table";
  public static final String REPORT_PATH = "--report";

  private WorkerCommandLine() {}

  /** {@code ingest starter-pack --uri <uri> --asset <asset> [--partition <key>]}. */
  public static List<String> ingestStarterPack(String uri, String asset, String partition) {
    List<String> args = new ArrayList<>(List.of(INGEST, STARTER_PACK, URI, uri));
    ingestion(args, asset, partition);
    return args;
  }

  /**
   * {@code ingest author-feed --actor <actor> [--filter <f>] [--mode <m>] --asset <asset> [--partition <key>]};
   * filter and mode as the worker spells them ({@code posts_with_replies}, {@code incremental}), null for the default.
   */
  public static List<String> ingestAuthorFeed(String actor, String filter, String mode, String asset, String partition) {
    List<String> args = new ArrayList<>(List.of(INGEST, AUTHOR_FEED, ACTOR, actor));
    if (filter != null) {
      args.addAll(List.of(FILTER, filter));
    }
    if (mode != null) {
      args.addAll(List.of(MODE, mode));
    }
    ingestion(args, asset, partition);
    return args;
  }

  /** {@code report <kind> [--output <path>] [--title <text>]}. */
  public static List<String> report(String kind, String output, String title) {
    List<String> args = new ArrayList<>(List.of(REPORT, kind));
    if (output != null) {
      args.addAll(List.of(OUTPUT, output));
    }
    if (title != null) {
      args.addAll(List.of(TITLE, title));
    }
    return args;
  }

  /**
   * {@code diff --base <db> --table <name>[:<key>,...]... [--report <path>] [--title <text>]}.
   *
   * @param tables each table's name, then the columns of its key (none: compared by counts only)
   */
  public static List<String> diff(String base, java.util.Map<String, List<String>> tables, String report, String title) {
    if (tables.isEmpty()) {
      throw new IllegalArgumentException("a diff needs at least one table");
    }
    List<String> args = new ArrayList<>(List.of(DIFF, BASE, base));
    tables.forEach((table, key) -> args.addAll(List.of(TABLE, key == null || key.isEmpty() ? table : table + ":" + String.join(",", key))));
    if (report != null) {
      args.addAll(List.of(REPORT_PATH, report));
    }
    if (title != null) {
      args.addAll(List.of(TITLE, title));
    }
    return args;
  }

  /** {@code transform --models a,b [--check-asset <asset>]}; {@code checkAsset} null for none. */
  public static List<String> transform(List<String> models, String checkAsset) {
    if (models.isEmpty()) {
      throw new IllegalArgumentException("a transform needs at least one model");
    }
    List<String> args = new ArrayList<>(List.of(TRANSFORM, MODELS, String.join(",", models)));
    if (checkAsset != null) {
      args.addAll(List.of(CHECK_ASSET, checkAsset));
    }
    return args;
  }

  /** {@code db clone --from <db> --to <db> --replace}: the staging database, made again from production. */
  public static List<String> dbClone(String from, String to) {
    return List.of(DB, CLONE, FROM, from, TO, to, REPLACE);
  }

  /** {@code db drop <db> [--objects-prefix <prefix>]}. */
  public static List<String> dbDrop(String database, String objectsPrefix) {
    List<String> args = new ArrayList<>(List.of(DB, DROP, database));
    if (objectsPrefix != null) {
      args.addAll(List.of(OBJECTS_PREFIX, objectsPrefix));
    }
    return args;
  }

  private static void ingestion(List<String> args, String asset, String partition) {
    args.addAll(List.of(ASSET, asset));
    if (partition != null && !partition.isEmpty()) {
      args.addAll(List.of(PARTITION, partition));
    }
  }
}
