package dev.eider.operator.platform;

import java.util.LinkedHashMap;
import java.util.Map;

/** Labels and annotations the operator puts on what it creates and reads from what users write. */
public final class Labels {

  /** The operator's informers select on it: never change its value, or objects of older versions go unseen. */
  public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  public static final String MANAGED_BY_VALUE = "eider-operator";
  public static final String MANAGED_SELECTOR = MANAGED_BY + "=" + MANAGED_BY_VALUE;

  // Kubernetes' recommended labels, on everything the operator creates (see recommended()).
  public static final String NAME = "app.kubernetes.io/name";
  public static final String INSTANCE = "app.kubernetes.io/instance";
  public static final String COMPONENT = "app.kubernetes.io/component";
  public static final String PART_OF = "app.kubernetes.io/part-of";
  public static final String PART_OF_VALUE = "eider";
  /** What runs the worker image: run Jobs of Assets, clone and drop Jobs of branches (and their pods). */
  public static final String NAME_WORKER = "eider-worker";
  /** An Asset's own records: its partition state and published keys. */
  public static final String NAME_ASSET = "eider-asset";
  /** What a BranchDeployment sets up: the namespace and everything in it. */
  public static final String NAME_BRANCH = "eider-branch";

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
  /** Annotation of a run's Job: why it was started (a {@code DueRun.Trigger} name), for the run history. */
  public static final String TRIGGER_ANNOTATION = "eider.dev/trigger";
  /** Set to any new value to request a run (a manual materialization or a backfill). */
  public static final String MATERIALIZE_ANNOTATION = "eider.dev/materialize";
  /** With {@link #MATERIALIZE_ANNOTATION}: which partitions, {@code a,b} or {@code from..to}; default all. */
  public static final String PARTITIONS_ANNOTATION = "eider.dev/partitions";

  private Labels() {}

  /**
   * Kubernetes' recommended labels of an object the operator creates. The names are not the chart's
   * ({@code eider}): the chart's Deployment, Service and PodDisruptionBudget select on name and
   * instance, and must never select a run's pod.
   *
   * @param name one of {@link #NAME_WORKER}, {@link #NAME_ASSET}, {@link #NAME_BRANCH}
   * @param instance the owner: the Asset's name or the BranchDeployment's label value (at most 63 characters)
   * @param component what the object is to its owner, e.g. run, partition-state, namespace
   */
  public static Map<String, String> recommended(String name, String instance, String component) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(NAME, name);
    labels.put(INSTANCE, instance);
    labels.put(COMPONENT, component);
    labels.put(PART_OF, PART_OF_VALUE);
    labels.put(MANAGED_BY, MANAGED_BY_VALUE);
    return labels;
  }
}
