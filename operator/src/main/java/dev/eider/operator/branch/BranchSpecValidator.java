package dev.eider.operator.branch;

import dev.eider.contract.time.Durations;
import dev.eider.operator.api.ApiLimits;
import dev.eider.operator.api.ApiPatterns;
import dev.eider.operator.api.branch.BranchDeploymentSpec;
import dev.eider.operator.asset.validation.ImageReferences;
import dev.eider.operator.asset.validation.SpecProblem;
import dev.eider.operator.branch.assets.LabelSelectors;
import dev.eider.operator.platform.WorkerSecrets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the CRD schema cannot check about a BranchDeployment, reported all at once with field paths:
 * the reconcile then acts on nothing and says why ({@code Ready=False}, reason {@code InvalidSpec}).
 */
public final class BranchSpecValidator {

  private static final String SYSTEM_PREFIX = "system:";
  // The CRD's maxItems and maxLength say the same; a BranchDeployment stored under an older CRD did not meet them.
  private static final int MAX_ITEMS = ApiLimits.MAX_BRANCH_ENTRIES;
  private static final int MAX_SUBJECT = ApiLimits.MAX_NAME_LENGTH;

  private final Set<String> productionCredentials;
  private final List<String> branchCredentials;

  /**
   * @param productionCredentials Secrets holding production's credentials: a branch listing one is refused
   * @param branchCredentials the Secrets every branch gets in their place, named in the refusal
   */
  public BranchSpecValidator(Set<String> productionCredentials, List<String> branchCredentials) {
    this.productionCredentials = Set.copyOf(productionCredentials);
    this.branchCredentials = List.copyOf(branchCredentials);
  }

  public static BranchSpecValidator of(WorkerSecrets secrets) {
    return new BranchSpecValidator(secrets.productionCredentials(), secrets.branchCredentials());
  }

  public List<SpecProblem> validate(BranchDeploymentSpec spec, BranchNames names) {
    List<SpecProblem> problems = new ArrayList<>();
    if (spec == null) {
      problems.add(new SpecProblem("spec", "required"));
      return problems;
    }
    if (spec.getBranch() == null || spec.getBranch().isBlank()) {
      problems.add(new SpecProblem("spec.branch", "required: the git branch, for example feature/top-links"));
    } else {
      invisible(spec.getBranch()).ifPresent(codePoint -> problems.add(new SpecProblem("spec.branch",
          "contains U+%04X: a git branch name has no control, format or separator characters".formatted(codePoint))));
    }
    if (spec.getBaseNamespace() == null || !spec.getBaseNamespace().matches(ApiPatterns.DNS_LABEL)) {
      problems.add(new SpecProblem("spec.baseNamespace", "required: the namespace running production"));
    } else if (spec.getBaseNamespace().equals(names.namespace())) {
      problems.add(new SpecProblem("spec.baseNamespace", "is the branch's own namespace " + names.namespace()));
    }
    if (spec.getTtl() != null) {
      Optional<Duration> ttl = Durations.parse(spec.getTtl());
      if (ttl.isEmpty() || ttl.get().isZero()) {
        problems.add(new SpecProblem("spec.ttl", "'" + shown(spec.getTtl()) + "' is not a positive duration such as 72h"
            + (ttl.isEmpty() ? " (at most " + Durations.format(Durations.MAX) + ")" : "")));
      }
    }
    List<String> secrets = spec.getSecrets() == null ? List.of() : spec.getSecrets();
    atMost("spec.secrets", secrets, problems);
    for (int i = 0; i < secrets.size() && i < MAX_ITEMS; i++) {
      String name = secrets.get(i);
      if (name == null || name.length() > ApiLimits.MAX_NAME_LENGTH || !name.matches(ApiPatterns.DNS_SUBDOMAIN)) {
        problems.add(new SpecProblem("spec.secrets[" + i + "]", "'" + shown(name) + "' is not a Secret name"));
      } else if (productionCredentials.contains(name)) {
        problems.add(new SpecProblem("spec.secrets[" + i + "]", "'" + name + "' holds production's credentials and is never copied"
            + " into a branch; branch runs use " + String.join(" and ", branchCredentials) + " from the base namespace instead"
            + " (eider.branch.storage-credentials-secret), so remove it from the list"));
      }
    }
    if (spec.getAccess() != null) {
      subjects(spec.getAccess().getGroups(), "spec.access.groups", problems);
      subjects(spec.getAccess().getUsers(), "spec.access.users", problems);
    }
    if (spec.getAssets() != null) {
      LabelSelectors.problems(spec.getAssets().getSelector(), "spec.assets.selector")
          .forEach(problem -> problems.add(new SpecProblem(problem.substring(0, problem.indexOf(':')),
              problem.substring(problem.indexOf(':') + 2))));
    }
    if (spec.getOverrides() != null && spec.getOverrides().getImage() != null && spec.getOverrides().getImage().isBlank()) {
      problems.add(new SpecProblem("spec.overrides.image", "must not be blank; omit it to keep each asset's image"));
    } else if (spec.getOverrides() != null && spec.getOverrides().getImage() != null) {
      ImageReferences.problem(spec.getOverrides().getImage()).ifPresent(problem -> problems.add(new SpecProblem("spec.overrides.image",
          "'" + shown(spec.getOverrides().getImage()) + "' is not an image reference: " + problem)));
    }
    return problems;
  }

  /**
   * Users and groups bound in the branch namespace. Kubernetes' own identities ({@code system:}:
   * every authenticated user, every ServiceAccount, the nodes) are never a branch's to grant to.
   */
  private static void subjects(List<String> names, String path, List<SpecProblem> problems) {
    if (names == null) {
      return;
    }
    atMost(path, names, problems);
    for (int i = 0; i < names.size() && i < MAX_ITEMS; i++) {
      String name = names.get(i);
      if (name == null || name.isBlank()) {
        problems.add(new SpecProblem(path + "[" + i + "]", "must not be empty"));
      } else if (name.startsWith(SYSTEM_PREFIX)) {
        problems.add(new SpecProblem(path + "[" + i + "]", "'" + shown(name) + "' is a Kubernetes identity; branches grant access to people and teams only"));
      } else if (name.length() > MAX_SUBJECT || invisible(name).isPresent()) {
        problems.add(new SpecProblem(path + "[" + i + "]", "'" + shown(name) + "' is not a user or group name (at most " + MAX_SUBJECT
            + " printable characters)"));
      }
    }
  }

  private static void atMost(String path, List<String> names, List<SpecProblem> problems) {
    if (names.size() > MAX_ITEMS) {
      problems.add(new SpecProblem(path, "has " + names.size() + " entries, more than the " + MAX_ITEMS + " allowed"));
    }
  }

  /** The first control, format or line/paragraph separator character (newline, NUL, bidi overrides), if any. */
  private static Optional<Integer> invisible(String text) {
    return text.codePoints().filter(c -> {
      int type = Character.getType(c);
      return type == Character.CONTROL || type == Character.FORMAT || type == Character.UNASSIGNED || type == Character.SURROGATE
          || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
    }).boxed().findFirst();
  }

  private static String shown(String value) {
    if (value == null) {
      return "";
    }
    StringBuilder text = new StringBuilder();
    value.codePoints().limit(80).forEach(c -> text.append(invisible(Character.toString(c)).isPresent() ? "\\u%04x".formatted(c) : Character.toString(c)));
    return value.codePointCount(0, value.length()) > 80 ? text + "..." : text.toString();
  }
}
