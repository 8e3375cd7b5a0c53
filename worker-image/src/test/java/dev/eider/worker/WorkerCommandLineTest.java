package dev.eider.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eider.contract.args.WorkerCommandLine;
import dev.eider.worker.cli.EiderWorkerCommand;
import dev.eider.worker.run.TerminationMessage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine;

/**
 * Every command line the operator builds (the contract's {@link WorkerCommandLine}) is parsed by
 * the worker's real picocli commands: the command it names, and each value where it belongs.
 */
class WorkerCommandLineTest {

  @TempDir Path dir;

  @Test
  void starterPack() {
    ParseResult leaf = leaf(WorkerCommandLine.ingestStarterPack("at://did:plc:a/app.bsky.graph.starterpack/3k", "members", "p,1 ü"));
    assertThat(leaf.commandSpec().qualifiedName(" ")).isEqualTo("eider-worker ingest starter-pack");
    assertThat(leaf.<String>matchedOptionValue("--uri", null)).isEqualTo("at://did:plc:a/app.bsky.graph.starterpack/3k");
    assertThat(leaf.<String>matchedOptionValue("--asset", null)).isEqualTo("members");
    assertThat(leaf.<String>matchedOptionValue("--partition", null)).isEqualTo("p,1 ü");
  }

  @Test
  void authorFeedWithAndWithoutItsOptions() {
    ParseResult full = leaf(WorkerCommandLine.ingestAuthorFeed("did:plc:abc", "posts_no_replies", "incremental", "feed", "did:plc:abc"));
    assertThat(full.commandSpec().qualifiedName(" ")).isEqualTo("eider-worker ingest author-feed");
    assertThat(full.<String>matchedOptionValue("--actor", null)).isEqualTo("did:plc:abc");
    assertThat(full.hasMatchedOption("--filter")).isTrue();
    assertThat(full.hasMatchedOption("--mode")).isTrue();
    assertThat(full.<String>matchedOptionValue("--partition", null)).isEqualTo("did:plc:abc");

    // An unpartitioned asset has no --partition; filter and mode keep the worker's defaults.
    List<String> bare = WorkerCommandLine.ingestAuthorFeed("alice.bsky.social", null, null, "feed", "");
    assertThat(bare).containsExactly("ingest", "author-feed", "--actor", "alice.bsky.social", "--asset", "feed");
    ParseResult leaf = leaf(bare);
    assertThat(leaf.hasMatchedOption("--partition")).isFalse();
    assertThat(leaf.hasMatchedOption("--filter")).isFalse();
  }

  @Test
  void transformWithChecks() {
    ParseResult leaf = leaf(WorkerCommandLine.transform(List.of("posts", "top_daily_posts"), "posts"));
    assertThat(leaf.commandSpec().qualifiedName(" ")).isEqualTo("eider-worker transform");
    assertThat(leaf.<List<String>>matchedOptionValue("--models", null)).containsExactly("posts", "top_daily_posts");
    assertThat(leaf.<String>matchedOptionValue("--check-asset", null)).isEqualTo("posts");
    assertThat(leaf(WorkerCommandLine.transform(List.of("posts"), null)).hasMatchedOption("--check-asset")).isFalse();
  }

  @Test
  void report() {
    ParseResult leaf = leaf(WorkerCommandLine.report("dashboard", "_reports/d.html", "Ducks, daily"));
    assertThat(leaf.commandSpec().qualifiedName(" ")).isEqualTo("eider-worker report dashboard");
    assertThat(leaf.<String>matchedOptionValue("--output", null)).isEqualTo("_reports/d.html");
    assertThat(leaf.<String>matchedOptionValue("--title", null)).isEqualTo("Ducks, daily");
  }

  @Test
  void dataDiff() {
    java.util.Map<String, List<String>> tables = new java.util.LinkedHashMap<>();
    tables.put("members", List.of("did", "day"));
    tables.put("calendar", null);
    ParseResult leaf = leaf(WorkerCommandLine.diff("s3://b/warehouse/eider.duckdb", tables, "_reports/pr.md", "PR 7"));
    assertThat(leaf.commandSpec().qualifiedName(" ")).isEqualTo("eider-worker diff");
    assertThat(leaf.<String>matchedOptionValue("--base", null)).isEqualTo("s3://b/warehouse/eider.duckdb");
    assertThat(leaf.<List<String>>matchedOptionValue("--table", null)).containsExactly("members:did,day", "calendar");
    assertThat(leaf.<String>matchedOptionValue("--report", null)).isEqualTo("_reports/pr.md");
    assertThat(leaf.<String>matchedOptionValue("--title", null)).isEqualTo("PR 7");
  }

  @Test
  void stagingDatabases() {
    ParseResult clone = leaf(WorkerCommandLine.dbClone("s3://b/warehouse/eider.duckdb", "s3://b/branches/x/eider.duckdb"));
    assertThat(clone.commandSpec().qualifiedName(" ")).isEqualTo("eider-worker db clone");
    assertThat(clone.<String>matchedOptionValue("--from", null)).isEqualTo("s3://b/warehouse/eider.duckdb");
    assertThat(clone.<String>matchedOptionValue("--to", null)).isEqualTo("s3://b/branches/x/eider.duckdb");
    assertThat(clone.hasMatchedOption("--replace")).isTrue();

    ParseResult drop = leaf(WorkerCommandLine.dbDrop("md:eider_br_x", "raw/branches/x"));
    assertThat(drop.commandSpec().qualifiedName(" ")).isEqualTo("eider-worker db drop");
    assertThat(drop.matchedPositionals().get(0).<String>getValue()).isEqualTo("md:eider_br_x");
    assertThat(drop.<String>matchedOptionValue("--objects-prefix", null)).isEqualTo("raw/branches/x");
  }

  @Test
  void anOptionTheWorkerDoesNotKnowIsRefused() {
    // The control: the parser used above does refuse what a command does not declare.
    List<String> args = new ArrayList<>(WorkerCommandLine.transform(List.of("posts"), null));
    args.add("--check-assets");
    assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> leaf(args)))
        .isInstanceOf(CommandLine.UnmatchedArgumentException.class).hasMessageContaining("--check-assets");
  }

  private ParseResult leaf(List<String> args) {
    TerminationMessage termination = new TerminationMessage(dir.resolve("termination-log"));
    ParseResult result = new CommandLine(new EiderWorkerCommand(), new WorkerFactory(Map.of(), termination))
        .parseArgs(args.toArray(String[]::new));
    while (result.hasSubcommand()) {
      result = result.subcommand();
    }
    return result;
  }
}
