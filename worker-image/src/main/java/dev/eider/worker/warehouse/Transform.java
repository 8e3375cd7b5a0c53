package dev.eider.worker.warehouse;

import dev.eider.worker.run.WorkerFailure;
import dev.eider.worker.warehouse.ModelRunner.ModelRun;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One {@code transform} run on an open warehouse: load new raw objects into the raw tables the
 * selected models read, check that the models they read but were not selected exist, then build
 * the selected models in dependency order on a locked-down session. The first failing model stops the run; models built
 * before it keep their new tables, it and the later ones keep their previous tables.
 */
public final class Transform {

  private final SqlProject project;
  private final ModelGraph graph;
  private final ModelRunner runner = new ModelRunner();

  public Transform(SqlProject project, ModelGraph graph) {
    this.project = project;
    this.graph = graph;
  }

  /** What a run did. */
  public record Result(List<RawLoadResult> loads, List<ModelRun> models) {}

  /**
   * @param loader loads raw objects; null when the selected models read no raw table
   */
  public Result run(Connection connection, List<String> models, RawLoader loader) {
    try {
      InternalTables.ensure(connection);
    } catch (SQLException e) {
      throw WorkerFailure.failed("cannot prepare the warehouse's bookkeeping tables: " + DuckDb.message(e), e);
    }
    List<RawLoadResult> loads = new ArrayList<>();
    for (String table : graph.rawTablesReadBy(models)) {
      loads.add(loader.load(connection, project.rawTables().get(table)));
    }
    requireUpstreamTables(connection, models);
    lockDown(connection);
    List<ModelRun> runs = new ArrayList<>();
    for (String model : models) {
      runs.add(runner.run(connection, model, project.models().get(model)));
    }
    return new Result(loads, runs);
  }

  /**
   * Models may be SQL from a ConfigMap or an Asset, written by anyone who may edit those: once the
   * raw objects are loaded (which reads local files), the session can reach no file or network
   * and cannot turn that back on, whatever the parse check missed.
   */
  private static void lockDown(Connection connection) {
    try {
      SessionLockdown.apply(connection);
    } catch (SQLException e) {
      throw WorkerFailure.failed("cannot lock the warehouse session down before running the models: " + DuckDb.message(e), e);
    }
  }

  private void requireUpstreamTables(Connection connection, List<String> models) {
    Set<String> missing = new TreeSet<>(graph.upstreamModelsOf(models));
    if (missing.isEmpty()) {
      return;
    }
    try (Statement statement = connection.createStatement();
         ResultSet tables = statement.executeQuery("SELECT table_name FROM information_schema.tables"
             + " WHERE table_catalog = current_database() AND table_schema = current_schema()")) {
      while (tables.next()) {
        missing.remove(tables.getString(1));
      }
    } catch (SQLException e) {
      throw WorkerFailure.failed("cannot list the warehouse's tables: " + DuckDb.message(e), e);
    }
    if (!missing.isEmpty()) {
      throw WorkerFailure.failed("the selected models read " + String.join(", ", missing) + ", which "
          + (missing.size() == 1 ? "has" : "have") + " not been built in this warehouse yet: select "
          + (missing.size() == 1 ? "it" : "them") + " too, or run their assets first", null);
    }
  }
}
