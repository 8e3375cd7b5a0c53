package dev.eider.operator.workerjob;

import dev.eider.operator.platform.EiderConfig;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvFromSourceBuilder;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The Secrets every worker container takes its credentials from, by reference only. Production and
 * branches hold different credentials: a branch's runs execute code nobody has reviewed yet, so
 * "a branch never writes production" must not rest on that code behaving. Production runs (and the
 * clone and drop Jobs, which run in the operator's job namespace) use {@code eider.storage} and
 * {@code eider.warehouse} credentials; runs in a branch namespace use {@code eider.branch}'s, which
 * the storage provider grants less, and production's are never copied into a branch.
 */
public final class WorkerSecrets {

  private final String storage;
  private final Optional<String> warehouse;
  private final String branchStorage;
  private final Optional<String> branchWarehouse;
  private final Optional<String> workerEnv;

  private WorkerSecrets(EiderConfig config) {
    this.storage = config.storage().credentialsSecret();
    this.warehouse = config.warehouse().credentialsSecret().filter(name -> !name.isBlank());
    this.branchStorage = config.branch().storageCredentialsSecret();
    this.branchWarehouse = config.branch().warehouseCredentialsSecret().filter(name -> !name.isBlank());
    this.workerEnv = config.worker().envSecret().filter(name -> !name.isBlank());
  }

  public static WorkerSecrets of(EiderConfig config) {
    return new WorkerSecrets(config);
  }

  /** Object storage, the warehouse and the worker's own: production runs, isolated namespaces, clone and drop Jobs. */
  public List<EnvFromSource> production() {
    return envFrom(storage, warehouse);
  }

  /** The branch credentials in place of production's, and the worker's own. */
  public List<EnvFromSource> branch() {
    return envFrom(branchStorage, branchWarehouse);
  }

  /** Production's credential Secrets: never copied into a branch namespace, whatever a BranchDeployment lists. */
  public Set<String> productionCredentials() {
    Set<String> names = new LinkedHashSet<>();
    names.add(storage);
    warehouse.ifPresent(names::add);
    return names;
  }

  /** The Secrets every BranchDeployment copies from its base namespace, besides those it lists. */
  public List<String> branchCredentials() {
    List<String> names = new ArrayList<>();
    names.add(branchStorage);
    branchWarehouse.ifPresent(names::add);
    return names;
  }

  /** A configuration that would hand production's credentials to branches, in words; empty when there is none. */
  public Optional<String> problem() {
    Set<String> shared = new LinkedHashSet<>(branchCredentials());
    shared.retainAll(productionCredentials());
    if (shared.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of("eider.branch.storage-credentials-secret and eider.branch.warehouse-credentials-secret must name Secrets other than"
        + " production's (eider.storage.credentials-secret, eider.warehouse.credentials-secret), but " + String.join(", ", shared)
        + " is both: branches would run with production's credentials");
  }

  private List<EnvFromSource> envFrom(String storageSecret, Optional<String> warehouseSecret) {
    List<EnvFromSource> sources = new ArrayList<>();
    sources.add(optional(storageSecret));
    warehouseSecret.ifPresent(name -> sources.add(optional(name)));
    workerEnv.ifPresent(name -> sources.add(optional(name)));
    return sources;
  }

  // Optional: a missing Secret then shows as the worker's own one-line error naming the variable,
  // instead of a pod stuck in CreateContainerConfigError.
  private static EnvFromSource optional(String name) {
    return new EnvFromSourceBuilder().withNewSecretRef().withName(name).withOptional(true).endSecretRef().build();
  }
}
