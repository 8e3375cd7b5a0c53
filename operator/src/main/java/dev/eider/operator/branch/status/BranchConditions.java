package dev.eider.operator.branch.status;

/** Condition types and reasons of a BranchDeployment's status (API: add, never rename). */
public final class BranchConditions {

  public static final String NAMESPACE_READY = "NamespaceReady";
  public static final String DATABASE_READY = "DatabaseReady";
  public static final String ASSETS_SYNCED = "AssetsSynced";
  public static final String READY = "Ready";

  public static final String INVALID_SPEC = "InvalidSpec";
  // NamespaceReady
  public static final String NAMESPACE_ACTIVE = "NamespaceActive";
  public static final String NAMESPACE_CONFLICT = "NamespaceConflict";
  public static final String NAMESPACE_PENDING = "NamespacePending";
  public static final String RESOURCES_FAILED = "ResourcesFailed";
  public static final String SECRETS_MISSING = "SecretsMissing";
  public static final String DATABASE_REFUSED = "DatabaseRefused";
  // DatabaseReady (and ProductionTarget, UnsupportedWarehouse from StagingDatabase)
  public static final String CLONED = "Cloned";
  public static final String EMPTY_DATABASE = "EmptyDatabase";
  public static final String CLONING = "Cloning";
  public static final String RETRY_SCHEDULED = "RetryScheduled";
  public static final String CLONE_FAILED = "CloneFailed";
  // AssetsSynced
  public static final String SYNCED = "Synced";
  public static final String NOT_MANAGED = "NotManaged";
  public static final String WAITING_FOR_NAMESPACE = "WaitingForNamespace";
  public static final String WAITING_FOR_DATABASE = "WaitingForDatabase";
  public static final String SYNC_FAILED = "SyncFailed";
  // Ready
  public static final String READY_REASON = "Ready";
  public static final String NOT_READY = "NotReady";

  private BranchConditions() {}
}
