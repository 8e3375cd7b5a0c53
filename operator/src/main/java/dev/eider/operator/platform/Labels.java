package dev.eider.operator.platform;

/** Labels and annotations the operator puts on what it creates and reads from what users write. */
public final class Labels {

  public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  public static final String MANAGED_BY_VALUE = "eider-operator";
  public static final String MANAGED_SELECTOR = MANAGED_BY + "=" + MANAGED_BY_VALUE;

  public static final String ASSET = "eider.dev/asset";
  public static final String PARTITION_HASH = "eider.dev/partition-hash";
  public static final String RUN = "eider.dev/run";
  public static final String POOL = "eider.dev/pool";
  public static final String WRITER = "eider.dev/writer";
  public static final String STATE_OF = "eider.dev/state-of";

  /** Users put it on ConfigMaps of SQL models ({@code eider.dev/sql: models}): the operator watches only those. */
  /**
   * Annotation of an Asset a branch takes from its base unchanged (value: the base namespace): it
   * does not run; its partitions count as materialized (the staging database, cloned from the base,
   * holds its tables) and, in a branch namespace of that base, its published partition keys are the
   * base's. A BranchDeployment's plan sets and removes it on the copies it makes.
   */
  public static final String REUSED_FROM_ANNOTATION = "eider.dev/reused-from";
  public static final String SQL = "eider.dev/sql";
  public static final String SQL_MODELS = "models";
  public static final String SQL_SELECTOR = SQL + "=" + SQL_MODELS;

  /** Annotation with the full partition key of a Job (labels cannot hold it). */
  public static final String PARTITION_ANNOTATION = "eider.dev/partition";
  /** Set to any new value to request a run (a manual materialization or a backfill). */
  public static final String MATERIALIZE_ANNOTATION = "eider.dev/materialize";
  /** With {@link #MATERIALIZE_ANNOTATION}: which partitions, {@code a,b} or {@code from..to}; default all. */
  public static final String PARTITIONS_ANNOTATION = "eider.dev/partitions";

  private Labels() {}
}
