package dev.eider.operator.asset.run;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Per-namespace overrides of where runs write, read from the namespace's annotations. A branch
 * namespace carries them (set by its BranchDeployment), so every asset in it, copied or synced by
 * GitOps, writes to the branch's staging database and object prefix and never to production's.
 *
 * @param branchCredentials runs take the branch credential Secrets instead of production's
 *     ({@link dev.eider.operator.platform.WorkerSecrets}): true in branch namespaces
 */
public record NamespaceProfile(Optional<String> warehouse, Optional<String> objectPrefix, Optional<String> rawPrefix,
                               OptionalInt partitionLimit, Optional<String> protectedDatabases, boolean branchCredentials) {

  public static final String WAREHOUSE = "eider.dev/warehouse";
  public static final String OBJECT_PREFIX = "eider.dev/object-prefix";
  public static final String RAW_PREFIX = "eider.dev/raw-prefix";
  public static final String PARTITION_LIMIT = "eider.dev/partition-limit";
  public static final String PROTECTED_DATABASES = "eider.dev/protected-databases";

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
        profile.protectedDatabases, true);
  }
}
