package dev.eider.worker.cli;

import dev.eider.contract.args.WorkerCommandLine;
import dev.eider.worker.run.WorkerFailure;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code db clone|drop}: the staging databases of branch deployments. A database is named by a
 * connection string (a DuckDB file path, {@code s3://<bucket>/<key>}, {@code md:<database>}) or by a
 * bare name, which means the database of that name next to {@code EIDER_WAREHOUSE}. The databases
 * in {@code EIDER_PROTECTED_DATABASES} are never dropped or overwritten; {@code db drop
 * --objects-prefix} never deletes objects under {@code EIDER_PROTECTED_PREFIX} or a parent of it.
 */
@Command(name = WorkerCommandLine.DB,
    description = "Staging databases: clone production for a branch, drop it when the branch goes away.",
    subcommands = {DbCloneCommand.class, DbDropCommand.class})
public class DbCommand implements Callable<Integer> {

  @Override
  public Integer call() {
    throw WorkerFailure.badInput("db needs a subcommand: 'db clone --from <db> --to <db>' or 'db drop <db>'");
  }
}
