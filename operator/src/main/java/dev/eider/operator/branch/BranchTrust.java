package dev.eider.operator.branch;

import dev.eider.operator.api.ApiPatterns;
import dev.eider.operator.api.branch.BranchDeploymentSpec;
import dev.eider.operator.platform.SpecProblem;
import dev.eider.operator.platform.EiderConfig;
import io.fabric8.kubernetes.api.model.Namespace;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The trust boundary of a BranchDeployment. Whoever may create one (it is cluster-scoped) gets a
 * namespace holding copies of a base namespace's Secrets and a RoleBinding there, so what it may
 * name is the cluster admin's choice, not its creator's: a base namespace listed in
 * {@code eider.branch.base-namespaces} or labelled {@value BranchLabels#BASE_NAMESPACE}, never a
 * system namespace, the operator's own or another branch's; an access role from
 * {@code eider.branch.access-roles}. Problems come back like the validator's, with field paths,
 * and take the same {@code InvalidSpec} path: nothing is created.
 */
public final class BranchTrust {

  /** The control plane's own namespaces: what they hold is the cluster's, never a branch's. */
  static final Set<String> SYSTEM_NAMESPACES = Set.of("kube-system", "kube-public", "kube-node-lease");
  static final String DEFAULT_ROLE = "edit";

  private final Set<String> configuredBases;
  private final Set<String> accessRoles;
  private final Optional<String> operatorNamespace;

  public BranchTrust(Collection<String> configuredBases, Collection<String> accessRoles, Optional<String> operatorNamespace) {
    this.configuredBases = clean(configuredBases);
    this.accessRoles = clean(accessRoles);
    this.operatorNamespace = operatorNamespace.filter(name -> !name.isBlank());
  }

  /** @param operatorNamespace where the operator runs (its Secrets are the platform's), if known */
  public static BranchTrust from(EiderConfig config, Optional<String> operatorNamespace) {
    return new BranchTrust(config.branch().baseNamespaces().orElse(List.of()), config.branch().accessRoles(), operatorNamespace);
  }

  /**
   * @param namespaces the Namespace of a name, from the operator's cache; empty when it does not exist
   */
  public List<SpecProblem> check(BranchDeploymentSpec spec, Function<String, Optional<Namespace>> namespaces) {
    List<SpecProblem> problems = new ArrayList<>();
    if (spec == null) {
      return problems;
    }
    String base = spec.getBaseNamespace();
    // A missing or malformed name is the validator's to report.
    if (base != null && base.matches(ApiPatterns.DNS_LABEL)) {
      baseProblem(base, namespaces.apply(base)).ifPresent(message -> problems.add(new SpecProblem("spec.baseNamespace", message)));
    }
    if (spec.getAccess() != null) {
      String role = spec.getAccess().getRole() == null ? DEFAULT_ROLE : spec.getAccess().getRole();
      if (!accessRoles.contains(role)) {
        problems.add(new SpecProblem("spec.access.role", "'" + role + "' is not a role branches may grant; the cluster admin allows "
            + (accessRoles.isEmpty() ? "none" : String.join(", ", accessRoles)) + " (eider.branch.access-roles)"));
      }
    }
    return problems;
  }

  private Optional<String> baseProblem(String base, Optional<Namespace> namespace) {
    if (SYSTEM_NAMESPACES.contains(base)) {
      return Optional.of("'" + base + "' is a system namespace; it is never a branch's base");
    }
    if (operatorNamespace.filter(base::equals).isPresent()) {
      return Optional.of("'" + base + "' is the operator's own namespace; it is never a branch's base");
    }
    Map<String, String> labels = namespace.map(ns -> ns.getMetadata().getLabels()).orElse(Map.of());
    labels = labels == null ? Map.of() : labels;
    if (labels.containsKey(BranchLabels.BRANCH_DEPLOYMENT)) {
      // Basing on a branch would hand out what another branch's creator copied or was granted.
      return Optional.of("'" + base + "' is the namespace of BranchDeployment " + labels.get(BranchLabels.BRANCH_DEPLOYMENT)
          + "; a branch is never based on another branch");
    }
    if (configuredBases.contains(base) || BranchLabels.OPT_IN.equals(labels.get(BranchLabels.BASE_NAMESPACE))) {
      return Optional.empty();
    }
    return Optional.of("'" + base + "' is not a base namespace the cluster admin allowed: label the namespace "
        + BranchLabels.BASE_NAMESPACE + "=" + BranchLabels.OPT_IN + " or list it in eider.branch.base-namespaces");
  }

  private static Set<String> clean(Collection<String> names) {
    Set<String> clean = new LinkedHashSet<>();
    names.stream().filter(name -> name != null && !name.isBlank()).map(String::strip).forEach(clean::add);
    return clean;
  }
}
