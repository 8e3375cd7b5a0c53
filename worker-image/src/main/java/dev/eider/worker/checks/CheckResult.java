package dev.eider.worker.checks;

import dev.eider.contract.checks.CheckDefinition;
import java.util.List;

/**
 * The outcome of one check. {@code failingRows} is null for checks about the whole table
 * (rowCount, freshness); {@code sample} holds a few failing values or rows; {@code error} marks a
 * check that could not run at all (a missing table, SQL that fails), which fails the run whatever
 * the check's severity.
 */
public record CheckResult(CheckDefinition check, String table, boolean passed, Long failingRows, List<String> sample,
    String message, boolean error) {

  /** Whether this result fails the run: an error-severity check failed, or a check could not run. */
  public boolean failsRun() {
    return error || (!passed && "error".equals(check.effectiveSeverity()));
  }
}
