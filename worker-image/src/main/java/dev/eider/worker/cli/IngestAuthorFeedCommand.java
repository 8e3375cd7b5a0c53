package dev.eider.worker.cli;

import dev.eider.contract.args.WorkerCommandLine;
import dev.eider.worker.bluesky.AtIdentifiers;
import dev.eider.worker.ingest.AuthorFeedIngestion;
import dev.eider.worker.run.TerminationMessage;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = WorkerCommandLine.AUTHOR_FEED,
    description = "Snapshot an actor's author feed (every page of getAuthorFeed, or only the new ones).")
public class IngestAuthorFeedCommand implements Callable<Integer> {

  /** The filter values of app.bsky.feed.getAuthorFeed. */
  enum Filter { posts_with_replies, posts_no_replies, posts_with_media, posts_and_author_threads, posts_with_video }

  /** picocli spelling of the modes. */
  enum Mode { full, incremental }

  @Option(names = WorkerCommandLine.ACTOR, required = true, description = "DID or handle of the actor.")
  String actor;

  @Option(names = WorkerCommandLine.FILTER, defaultValue = "posts_with_replies", description = "One of: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
  Filter filter;

  @Option(names = WorkerCommandLine.MODE, defaultValue = "full", description = "full: every page; incremental: stop at the newest item already stored. Default: ${DEFAULT-VALUE}.")
  Mode mode;

  @Mixin IngestOptions options;

  private final Map<String, String> env;
  private final TerminationMessage termination;

  IngestAuthorFeedCommand(Map<String, String> env, TerminationMessage termination) {
    this.env = env;
    this.termination = termination;
  }

  @Override
  public Integer call() {
    String validActor = AtIdentifiers.actor(actor);
    int pageSize = options.pageSize();
    try (IngestionContext context = new IngestionContext(env)) {
      var run = context.run(options.asset(env, "actor-feed-snapshot"), options.partition(env, validActor));
      var ingestion = new AuthorFeedIngestion(context.api, context.json, context.clock);
      var result = ingestion.run(run, validActor, filter.name(),
          mode == Mode.full ? AuthorFeedIngestion.Mode.FULL : AuthorFeedIngestion.Mode.INCREMENTAL, pageSize);
      return IngestionContext.report(termination, run, result, "feed items of " + validActor);
    }
  }
}
