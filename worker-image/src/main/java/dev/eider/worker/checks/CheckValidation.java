package dev.eider.worker.checks;

import dev.eider.contract.checks.CheckDefinition;
import dev.eider.contract.checks.CheckProblem;
import dev.eider.contract.checks.CheckRules;
import dev.eider.worker.run.WorkerFailure;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A check definition judged by the contract's {@link CheckRules}, the rules the operator applies to
 * {@code spec.checks}: one that breaks any is bad input (exit 2), every problem named.
 */
public final class CheckValidation {

  private CheckValidation() {}

  /** {@code check} when it can run; else bad input naming the check, {@code origin} and every problem. */
  public static CheckDefinition validated(CheckDefinition check, String origin) {
    List<CheckProblem> problems = CheckRules.problems(check);
    if (problems.isEmpty()) {
      return check;
    }
    String what = check.name() == null || check.name().isBlank() ? "a check in " + origin : "check '" + check.name() + "' (" + origin + ")";
    throw WorkerFailure.badInput(what + ": " + problems.stream()
        .map(problem -> problem.field().isEmpty() ? problem.message() : problem.field() + " " + problem.message())
        .collect(Collectors.joining("; ")));
  }
}
