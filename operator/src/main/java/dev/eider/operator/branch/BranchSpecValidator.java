package dev.eider.operator.branch;

import dev.eider.operator.api.ApiPatterns;
import dev.eider.operator.api.branch.BranchDeploymentSpec;
import dev.eider.operator.asset.validation.Durations;
import dev.eider.operator.asset.validation.SpecProblem;
import dev.eider.operator.branch.assets.LabelSelectors;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the CRD schema cannot check about a BranchDeployment, reported all at once with field paths:
 * the reconcile then acts on nothing and says why ({@code Ready=False}, reason {@code InvalidSpec}).
 */
public final class BranchSpecValidator {

  public List<SpecProblem> validate(BranchDeploymentSpec spec, BranchNames names) {
    List<SpecProblem> problems = new ArrayList<>();
    if (spec == null) {
      problems.add(new SpecProblem("spec", "required"));
      return problems;
    }
    if (spec.getBranch() == null || spec.getBranch().isBlank()) {
      problems.add(new SpecProblem("spec.branch", "required: the git branch, for example feature/top-links"));
    }
    if (spec.getBaseNamespace() == null || !spec.getBaseNamespace().matches(ApiPatterns.DNS_LABEL)) {
      problems.add(new SpecProblem("spec.baseNamespace", "required: the namespace running production"));
    } else if (spec.getBaseNamespace().equals(names.namespace())) {
      problems.add(new SpecProblem("spec.baseNamespace", "is the branch's own namespace " + names.namespace()));
    }
    if (spec.getTtl() != null) {
      Optional<Duration> ttl = Durations.parse(spec.getTtl());
      if (ttl.isEmpty() || ttl.get().isZero()) {
        problems.add(new SpecProblem("spec.ttl", "'" + spec.getTtl() + "' is not a positive duration such as 72h"));
      }
    }
    List<String> secrets = spec.getSecrets() == null ? List.of() : spec.getSecrets();
    for (int i = 0; i < secrets.size(); i++) {
      String name = secrets.get(i);
      if (name == null || name.length() > 253 || !name.matches(ApiPatterns.DNS_SUBDOMAIN)) {
        problems.add(new SpecProblem("spec.secrets[" + i + "]", "'" + name + "' is not a Secret name"));
      }
    }
    if (spec.getAccess() != null) {
      blank(spec.getAccess().getGroups(), "spec.access.groups", problems);
      blank(spec.getAccess().getUsers(), "spec.access.users", problems);
    }
    if (spec.getAssets() != null) {
      LabelSelectors.problems(spec.getAssets().getSelector(), "spec.assets.selector")
          .forEach(problem -> problems.add(new SpecProblem(problem.substring(0, problem.indexOf(':')),
              problem.substring(problem.indexOf(':') + 2))));
    }
    if (spec.getOverrides() != null && spec.getOverrides().getImage() != null && spec.getOverrides().getImage().isBlank()) {
      problems.add(new SpecProblem("spec.overrides.image", "must not be blank; omit it to keep each asset's image"));
    }
    return problems;
  }

  private static void blank(List<String> names, String path, List<SpecProblem> problems) {
    if (names == null) {
      return;
    }
    for (int i = 0; i < names.size(); i++) {
      if (names.get(i) == null || names.get(i).isBlank()) {
        problems.add(new SpecProblem(path + "[" + i + "]", "must not be empty"));
      }
    }
  }
}
