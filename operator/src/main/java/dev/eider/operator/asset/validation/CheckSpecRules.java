package dev.eider.operator.asset.validation;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eider.contract.checks.CheckDefinition;
import dev.eider.contract.checks.CheckRules;
import dev.eider.operator.api.asset.CheckSpec;
import java.util.List;

/**
 * The checks of an Asset judged by the contract's {@link CheckRules}, the rules the worker applies
 * to the same checks when it receives them ({@code EIDER_CHECKS} is this list as JSON): what each
 * kind of check needs, names and SQL the worker would refuse, bounds.
 */
final class CheckSpecRules {

  private static final ObjectMapper JSON = new ObjectMapper();

  List<SpecProblem> validate(List<CheckSpec> checks) {
    // CheckSpec's JSON is CheckDefinition's (the CRD's field names and enum values).
    List<CheckDefinition> definitions = checks.stream()
        .map(check -> check == null ? null : JSON.convertValue(check, CheckDefinition.class))
        .toList();
    return CheckRules.problems(definitions).stream()
        .map(problem -> new SpecProblem("spec.checks" + problem.field(), problem.message()))
        .toList();
  }
}
