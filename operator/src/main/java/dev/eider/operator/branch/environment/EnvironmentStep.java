package dev.eider.operator.branch.environment;

import static dev.eider.operator.branch.status.BranchConditions.*;

import dev.eider.operator.api.branch.BranchDeployment;
import dev.eider.operator.branch.BranchEvent;
import dev.eider.operator.branch.BranchLabels;
import dev.eider.operator.branch.BranchNames;
import dev.eider.operator.branch.database.StagingDatabase;
import dev.eider.operator.branch.status.BranchStatusBuilder.Outcome;
import dev.eider.operator.platform.EventReason;
import dev.eider.operator.platform.Labels;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.AggregatedOperatorException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.WorkflowReconcileResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/**
 * Brings the branch namespace and what it holds to the desired {@link BranchEnvironment} by running
 * the workflow of dependents, after two checks only a reconcile can make: the namespace name is not
 * taken by a namespace this BranchDeployment did not create (never adopted, never deleted), and the
 * staging database was not refused (a namespace without its database annotation would run assets
 * against production, so none is created).
 */
public final class EnvironmentStep {

  /**
   * @param usable the namespace exists and is active: the database and assets steps may go on
   * @param blocked nothing else may be done for this branch (the namespace belongs to someone else)
   */
  public record Result(boolean usable, boolean blocked, Outcome condition, List<BranchEvent> events) {}

  private final KubernetesClient client;
  private final BranchEnvironment.Settings settings;
  private final BiFunction<String, String, Optional<Secret>> baseSecrets;

  public EnvironmentStep(KubernetesClient client, BranchEnvironment.Settings settings, BiFunction<String, String, Optional<Secret>> baseSecrets) {
    this.client = client;
    this.settings = settings;
    this.baseSecrets = baseSecrets;
  }

  public Result reconcile(BranchDeployment deployment, BranchNames names, StagingDatabase.Decision database, String rawPrefix,
                          Context<BranchDeployment> context) {
    Optional<Namespace> own = ownNamespace(deployment, names, context);
    if (database instanceof StagingDatabase.Refused refused) {
      return new Result(false, false, new Outcome(false, DATABASE_REFUSED, "namespace " + names.namespace()
          + (own.isPresent() ? " left as it is" : " not created") + ": " + refused.message()), List.of());
    }
    if (own.isEmpty()) {
      Namespace taken = client.namespaces().withName(names.namespace()).get();
      if (taken != null && !ownedBy(taken, deployment)) {
        String message = "namespace " + names.namespace() + " exists and was not created by this BranchDeployment; it is never adopted";
        return new Result(false, true, new Outcome(false, NAMESPACE_CONFLICT, message),
            List.of(new BranchEvent(EventReason.NamespaceConflict, message)));
      }
    }
    String base = deployment.getSpec().getBaseNamespace();
    BranchEnvironment environment = BranchEnvironment.of(deployment, names, (StagingDatabase.Target) database, settings, rawPrefix,
        name -> baseSecrets.apply(base, name));
    Map<String, String> copiesBefore = copies(deployment, names, context);
    context.managedWorkflowAndDependentResourceContext().put(BranchEnvironment.CONTEXT_KEY, environment);
    WorkflowReconcileResult result = null;
    String failure = null;
    try {
      result = context.managedWorkflowAndDependentResourceContext().reconcileManagedWorkflow();
      if (result.erroredDependentsExist()) {
        failure = result.getErroredDependents().entrySet().stream()
            .map(error -> nameOf(error.getKey()) + ": " + error.getValue().getMessage())
            .collect(Collectors.joining("; "));
      }
    } catch (AggregatedOperatorException e) {
      // With explicit invocation the workflow throws its dependents' errors instead of returning them.
      failure = e.getAggregatedExceptions().entrySet().stream()
          .map(error -> error.getKey() + ": " + error.getValue().getMessage())
          .collect(Collectors.joining("; "));
    }

    List<BranchEvent> events = new ArrayList<>();
    Optional<Namespace> after = ownNamespace(deployment, names, context);
    if (own.isEmpty() && after.isPresent()) {
      events.add(new BranchEvent(EventReason.NamespaceCreated, "created namespace " + names.namespace() + " for branch " + names.branch()));
    }
    Map<String, String> copiesWanted = new TreeMap<>();
    environment.secrets().forEach((name, secret) -> copiesWanted.put(name, dataHash(secret)));
    if (failure == null && !copiesWanted.equals(copiesBefore)) {
      List<String> copied = copiesWanted.keySet().stream().filter(name -> !copiesWanted.get(name).equals(copiesBefore.get(name))).toList();
      List<String> removed = copiesBefore.keySet().stream().filter(name -> !copiesWanted.containsKey(name)).toList();
      events.add(new BranchEvent(EventReason.SecretsCopied, (copied.isEmpty() ? "" : "copied Secrets " + String.join(", ", copied) + " from " + base)
          + (copied.isEmpty() || removed.isEmpty() ? "" : "; ") + (removed.isEmpty() ? "" : "removed copies of " + String.join(", ", removed))));
    }
    boolean usable = after.map(EnvironmentStep::active).orElse(false);
    if (failure != null) {
      events.add(new BranchEvent(EventReason.BranchResourcesFailed, failure));
      return new Result(usable, false, new Outcome(false, RESOURCES_FAILED, failure), events);
    }
    if (!usable || !result.allDependentResourcesReady()) {
      return new Result(usable, false, new Outcome(false, NAMESPACE_PENDING, "namespace " + names.namespace()
          + (after.isEmpty() ? " is being created" : " is not active yet")), events);
    }
    if (!environment.skippedSecrets().isEmpty()) {
      String message = "namespace " + names.namespace() + " is active, but Secrets were not copied: " + String.join(", ", environment.skippedSecrets());
      events.add(new BranchEvent(EventReason.SecretsMissing, message));
      return new Result(true, false, new Outcome(false, SECRETS_MISSING, message), events);
    }
    return new Result(true, false, new Outcome(true, NAMESPACE_ACTIVE, "namespace " + names.namespace() + " is active with "
        + environment.secrets().size() + " copied Secret(s)"), events);
  }

  /** The branch namespace from the dependent's cache, if this BranchDeployment created it ({@link #createdBy}). */
  public static Optional<Namespace> ownNamespace(BranchDeployment deployment, BranchNames names, Context<BranchDeployment> context) {
    return context.getSecondaryResources(Namespace.class).stream()
        .filter(namespace -> names.namespace().equals(namespace.getMetadata().getName()))
        .filter(namespace -> createdBy(namespace, deployment))
        .findFirst();
  }

  /**
   * Whether {@code namespace} is one this BranchDeployment created, the only kind the operator ever
   * deletes: owned by it (its uid) and labelled as the operator labels what it creates
   * ({@value Labels#MANAGED_BY}={@value Labels#MANAGED_BY_VALUE} and the BranchDeployment's
   * {@value BranchLabels#BRANCH_DEPLOYMENT} label). RBAC cannot limit {@code delete} on namespaces by
   * label, so this check is what keeps the operator's grant from reaching any other namespace.
   */
  public static boolean createdBy(Namespace namespace, BranchDeployment deployment) {
    Map<String, String> labels = namespace.getMetadata().getLabels();
    return ownedBy(namespace, deployment) && labels != null
        && Labels.MANAGED_BY_VALUE.equals(labels.get(Labels.MANAGED_BY))
        && BranchLabels.labelValue(deployment.getMetadata().getName()).equals(labels.get(BranchLabels.BRANCH_DEPLOYMENT));
  }

  static boolean ownedBy(Namespace namespace, BranchDeployment deployment) {
    return namespace.getMetadata().getOwnerReferences() != null && namespace.getMetadata().getOwnerReferences().stream()
        .anyMatch(owner -> Objects.equals(owner.getUid(), deployment.getMetadata().getUid()));
  }

  static boolean active(Namespace namespace) {
    return namespace.getMetadata().getDeletionTimestamp() == null
        && (namespace.getStatus() == null || namespace.getStatus().getPhase() == null || "Active".equals(namespace.getStatus().getPhase()));
  }

  private static Map<String, String> copies(BranchDeployment deployment, BranchNames names, Context<BranchDeployment> context) {
    Map<String, String> copies = new TreeMap<>();
    context.getSecondaryResources(Secret.class).stream()
        .filter(secret -> names.namespace().equals(secret.getMetadata().getNamespace()) && Environments.createdFor(secret, deployment))
        .forEach(secret -> copies.put(secret.getMetadata().getName(), dataHash(secret)));
    return copies;
  }

  private static String dataHash(Secret secret) {
    return dev.eider.operator.platform.KubeNames.hash(String.valueOf(new TreeMap<>(secret.getData() == null ? Map.of() : secret.getData()))
        + "\n" + secret.getType(), 16);
  }

  private static String nameOf(DependentResource<?, ?> dependent) {
    return dependent.name() == null ? dependent.resourceType().getSimpleName() : dependent.name();
  }
}
