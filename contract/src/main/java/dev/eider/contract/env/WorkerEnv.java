package dev.eider.contract.env;

/**
 * The environment variables the operator sets on a worker's container and the worker reads. A
 * variable here is set by the operator (or the chart's defaults) and read by the worker; none
 * carries a credential (those come from Secrets as AWS_*, BLUESKY_* and MOTHERDUCK_TOKEN).
 */
public final class WorkerEnv {

  /** The Asset a run materializes; an ingestion's default {@code --asset}. */
  public static final String ASSET = "EIDER_ASSET";
  /** The partition key of the run; an ingestion's default {@code --partition}. */
  public static final String PARTITION = "EIDER_PARTITION";
  /** The bucket of every object the worker reads and writes. */
  public static final String BUCKET = "EIDER_BUCKET";
  /** The object prefix the run writes under (production's, a namespace's or a branch's). */
  public static final String PREFIX = "EIDER_PREFIX";
  /** Where transforms read raw objects (default {@link #PREFIX}). */
  public static final String RAW_PREFIX = "EIDER_RAW_PREFIX";
  /** In a branch: the ingestion assets whose raw objects are read under {@link #PREFIX}, comma separated. */
  public static final String OWN_RAW_ASSETS = "EIDER_OWN_RAW_ASSETS";
  /** The warehouse: a DuckDB file path, {@code s3://bucket/key.duckdb} or {@code md:<db>}. */
  public static final String WAREHOUSE = "EIDER_WAREHOUSE";
  /** Databases the worker refuses to drop or overwrite (production), comma separated. */
  public static final String PROTECTED_DATABASES = "EIDER_PROTECTED_DATABASES";
  /** The object prefix (from the bucket root) {@code db drop --objects-prefix} refuses to delete, with its parents. */
  public static final String PROTECTED_PREFIX = "EIDER_PROTECTED_PREFIX";
  /** The Asset's checks, a JSON array of {@code spec.checks[]} items ({@code CheckDefinition}). */
  public static final String CHECKS = "EIDER_CHECKS";
  /** A directory of {@code <model>.sql} files (an Asset's ConfigMap, mounted). */
  public static final String MODELS_DIR = "EIDER_MODELS_DIR";
  /** The name of one more model ({@code spec.transform.sql}), with {@link #INLINE_SQL}. */
  public static final String INLINE_MODEL = "EIDER_INLINE_MODEL";
  /** The SQL of {@link #INLINE_MODEL}. */
  public static final String INLINE_SQL = "EIDER_INLINE_SQL";
  /** The container's memory limit in bytes (Downward API): sizes DuckDB. */
  public static final String MEMORY_LIMIT_BYTES = "EIDER_MEMORY_LIMIT_BYTES";
  /** The container's CPU limit (Downward API): DuckDB's threads. */
  public static final String CPU_LIMIT = "EIDER_CPU_LIMIT";
  /** Where the result is written instead of {@code /dev/termination-log} (local runs and tests). */
  public static final String TERMINATION_MESSAGE_PATH = "EIDER_TERMINATION_MESSAGE_PATH";

  private WorkerEnv() {}
}
