package dev.eider.worker.cli;

import dev.eider.worker.run.WorkerVersion;
import picocli.CommandLine.Command;

/** The root command; each subcommand is one kind of Job the operator launches. */
@Command(name = "eider-worker",
    mixinStandardHelpOptions = true,
    versionProvider = WorkerVersion.class,
    description = "Runs one Eider task: ingestion, transformation, checks, reports or staging databases.",
    subcommands = {IngestCommand.class, TransformCommand.class, CheckCommand.class, DbCommand.class, DiffCommand.class,
        ReportCommand.class,
        VersionCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:done; the result is in the termination message",
        "1:failed (may be retried)",
        "2:bad input: command line, environment or data (never retried)",
        "3:transient fault outlived the worker's retries (retried with backoff)"})
public class EiderWorkerCommand {}
