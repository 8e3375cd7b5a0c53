package dev.eider.worker.cli;

import dev.eider.contract.args.WorkerCommandLine;
import picocli.CommandLine.Command;

/** {@code ingest <source>}: fetch data from an API into object storage. */
@Command(name = WorkerCommandLine.INGEST,
    description = "Fetch data from Bluesky into object storage as gzip NDJSON.",
    subcommands = {IngestStarterPackCommand.class, IngestAuthorFeedCommand.class})
public class IngestCommand {}
