package dev.eider.operator.workerjob;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Per-namespace overrides of where runs write, read from the namespace's annotations. A branch
 * namespace carries them (set by its BranchDeployment), so every asset in it, copied or synced by
 * GitOps, writes to the branch's staging database and object prefix and never to production's.
 *
 * @param branchCredentials runs take the branch credential Secrets instead of production's
 *     ({@link dev.eider.operator.workerjob.WorkerSecrets}): true in branch namespaces
 * @param baseNamespace a branch namespace's base: an Asset there marked as reused from it takes its
 *     published partition keys from the base's asset of the same name
 * @param ownRawAssets in a branch, the ingestion assets the branch ran itself: its transforms read
 *     their raw objects from the branch's own prefix, the others' from {@code rawPrefix} (set per
 *     reconcile by {@link #withOwnRawAssets}, not from annotations); empty outside branches
 */
public record NamespaceProfile(Optional<String> warehouse, Optional<String> objectPrefix, Optional<String> rawPrefix,
                               OptionalInt partitionLimit, Optional<String> protectedDatabases, boolean branchCredentials,
                               Optional<String> baseNamespace, Optional<List<String>> ownRawAssets) {

  public NamespaceProfile(Optional<String> warehouse, Optional<String> objectPrefix, Optional<String> rawPrefix,
                          OptionalInt partitionLimit, Optional<String> protectedDatabases, boolean branchCredentials) {
    this(warehouse, objectPrefix, rawPrefix, partitionLimit, protectedDatabases, branchCredentials, Optional.empty(), Optional.empty());
  }

  /** This profile, for runs that read the raw objects of {@code assets} from the namespace's own prefix. */
  public NamespaceProfile withOwnRawAssets(List<String> assets) {
    return new NamespaceProfile(warehouse, objectPrefix, rawPrefix, partitionLimit, protectedDatabases, branchCredentials, baseNamespace,
        Optional.of(List.copyOf(assets)));
  }

  public static final String WAREHOUSE = "eider.dev/warehouse";
  public static final String OBJECT_PREFIX = "eider.dev/object-prefix";
  public static final String RAW_PREFIX = "eider.dev/raw-prefix";
  public static final String PARTITION_LIMIT = "eider.dev/partition-limit";
  public static final String PROTECTED_DATABASES = "eider.dev/protected-databases";
  public static final String BASE_NAMESPACE = "eider.dev/base-namespace";

  public static final NamespaceProfile NONE = new NamespaceProfile(Optional.empty(), Optional.empty(), Optional.empty(),
      OptionalInt.empty(), Optional.empty(), false);

  public static NamespaceProfile fromAnnotations(Map<String, String> annotations) {
    if (annotations == null) {
      return NONE;
    }
    String limit = annotations.get(PARTITION_LIMIT);
    OptionalInt partitionLimit = OptionalInt.empty();
    if (limit != null && limit.strip().matches("[0-9]{1,9}")) {
      partitionLimit = OptionalInt.of(Integer.parseInt(limit.strip()));
    }
    return new NamespaceProfile(Optional.ofNullable(annotations.get(WAREHOUSE)), Optional.ofNullable(annotations.get(OBJECT_PREFIX)),
        Optional.ofNullable(annotations.get(RAW_PREFIX)), partitionLimit, Optional.ofNullable(annotations.get(PROTECTED_DATABASES)), false);
  }

  /** The profile of a branch namespace: its annotations, and the branch's credentials. */
  public static NamespaceProfile ofBranch(Map<String, String> annotations) {
    NamespaceProfile profile = fromAnnotations(annotations);
    return new NamespaceProfile(profile.warehouse, profile.objectPrefix, profile.rawPrefix, profile.partitionLimit,
        profile.protectedDatabases, true, Optional.ofNullable(annotations == null ? null : annotations.get(BASE_NAMESPACE)),
        Optional.empty());
  }
}
