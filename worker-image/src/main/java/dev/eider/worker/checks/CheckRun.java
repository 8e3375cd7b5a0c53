package dev.eider.worker.checks;

import dev.eider.worker.checks.CheckCatalog.Planned;
import dev.eider.worker.run.WorkerFailure;
import dev.eider.worker.warehouse.DuckDb;
import dev.eider.worker.warehouse.SqlProject;
import dev.eider.worker.warehouse.Warehouse;
import dev.eider.worker.warehouse.WarehouseSession;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Checks selected and ready to run: what {@code check} does, and {@code transform --check-asset}
 * after its models are published. {@link #plan} selects the checks ({@value CheckCatalog#ENV} when
 * set, else {@code checks.yaml}) and resolves their tables without touching the warehouse, so a bad
 * selection (or a sql check that is not one read-only SELECT) is refused before anything runs;
 * {@link #evaluate} runs them on a read-only, locked-down session.
 */
public final class CheckRun {

  private final String asset;
  private final List<Planned> planned;
  private final SqlProject project;

  private CheckRun(String asset, List<Planned> planned, SqlProject project) {
    this.asset = asset;
    this.planned = planned;
    this.project = project;
  }

  /**
   * The checks of {@code asset}, or those named by {@code names} (both: the named checks of the
   * asset); {@code table} is where checks that name no table run. Refuses bad input.
   */
  public static CheckRun plan(Map<String, String> env, SqlProject project, String asset, Collection<String> names,
      String table) {
    List<Planned> planned = CheckCatalog.load(env, project).select(asset, names, table);
    requireReadOnlyQueries(planned);
    return new CheckRun(asset, planned, project);
  }

  /** A hostile or broken sql check is bad input before the warehouse is opened: nothing runs. */
  private static void requireReadOnlyQueries(List<Planned> planned) {
    if (planned.stream().noneMatch(check -> "sql".equals(check.check().type()))) {
      return;
    }
    try (Connection parser = DuckDb.inMemory()) {
      for (Planned check : planned) {
        if ("sql".equals(check.check().type())) {
          ReadOnlyQuery.of(parser, check.check().name(), check.check().sql());
        }
      }
    } catch (SQLException e) {
      // Closing an in-memory parser loses nothing.
    }
  }

  public String asset() {
    return asset;
  }

  /**
   * Runs every check on a read-only session of {@code warehouse}, printing one line per check. A
   * check that cannot run is a result (see {@link CheckEvaluator}); only a session on which no check
   * can be prepared fails.
   */
  public List<CheckResult> evaluate(Warehouse warehouse) {
    List<CheckResult> results = new ArrayList<>();
    try (WarehouseSession session = warehouse.open(true)) {
      CheckEvaluator evaluator = new CheckEvaluator(session.connection(), project.rawTables().keySet(), Clock.systemUTC());
      for (Planned check : planned) {
        CheckResult result = evaluator.evaluate(check);
        results.add(result);
        System.out.printf("%s %s (%s, %s): %s%n", result.passed() ? "PASS" : result.failsRun() ? "FAIL" : "WARN",
            check.check().name(), check.check().type(), check.table(), result.message());
      }
    } catch (SQLException e) {
      throw WorkerFailure.failed("cannot prepare the checks on " + warehouse.location().display() + ": "
          + DuckDb.message(e), e);
    }
    return results;
  }
}
