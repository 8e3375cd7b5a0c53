package dev.eider.worker.cli;

import dev.eider.contract.args.WorkerCommandLine;
import dev.eider.worker.bluesky.AtIdentifiers;
import dev.eider.worker.ingest.StarterPackIngestion;
import dev.eider.worker.run.TerminationMessage;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = WorkerCommandLine.STARTER_PACK,
    description = "Snapshot a starter pack's members (getStarterPack, then every page of getList); publishes their DIDs as partition keys.")
public class IngestStarterPackCommand implements Callable<Integer> {

  @Option(names = WorkerCommandLine.URI, required = true, description = "AT-URI of the starter pack: at://<did>/app.bsky.graph.starterpack/<rkey>.")
  String uri;

  @Mixin IngestOptions options;

  private final Map<String, String> env;
  private final TerminationMessage termination;

  IngestStarterPackCommand(Map<String, String> env, TerminationMessage termination) {
    this.env = env;
    this.termination = termination;
  }

  @Override
  public Integer call() {
    String starterPack = AtIdentifiers.starterPackUri(uri);
    int pageSize = options.pageSize();
    try (IngestionContext context = new IngestionContext(env)) {
      var run = context.run(options.asset(env, "starter-pack-snapshot"), options.partition(env, starterPack));
      var result = new StarterPackIngestion(context.api, context.json).run(run, starterPack, pageSize);
      return IngestionContext.report(termination, run, result, "members of " + starterPack);
    }
  }
}
