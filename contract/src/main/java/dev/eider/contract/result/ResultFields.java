package dev.eider.contract.result;

/**
 * The fields of a result message both sides read. Every other field is the command's own and
 * shown as the run's metadata.
 */
public final class ResultFields {

  /** The command that wrote the result ({@code ingest starter-pack}, {@code transform}, ...): every result has it. */
  public static final String COMMAND = "command";
  /** A failure's one line; a result with it is no success. */
  public static final String ERROR = "error";
  /** A failure's exit code, beside {@link #ERROR}. */
  public static final String EXIT_CODE = "exitCode";
  /** Items an ingestion wrote, a count. */
  public static final String ITEMS = "items";
  /** The models a transform built: a list of {@code {name, rows}}. */
  public static final String MODELS = "models";
  /** The checks that ran: a list of {@code {name, passed, severity, message, failingRows}}. */
  public static final String CHECKS = "checks";
  /** Partition keys published as a list (see {@link PartitionKeys}). */
  public static final String PARTITIONS = "partitions";
  /** Partition keys published as base64 of the gzip of the keys, one per line (see {@link PartitionKeys}). */
  public static final String PARTITIONS_GZIP = "partitionsGzip";

  public static final String NAME = "name";
  public static final String ROWS = "rows";
  public static final String PASSED = "passed";
  public static final String SEVERITY = "severity";
  public static final String MESSAGE = "message";
  public static final String FAILING_ROWS = "failingRows";

  private ResultFields() {}
}
