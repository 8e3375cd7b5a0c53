package dev.eider.operator.warehouse;

import dev.eider.operator.warehouse.DatabaseLocation;
import dev.eider.operator.platform.EiderConfig;
import java.util.Optional;

/**
 * The production warehouse as the operator's configuration gives it, and what a worker pod needs to
 * reach it. Every run is a pod of its own, possibly on another node: a DuckDB file kept as an
 * object ({@code s3://}) or MotherDuck ({@code md:}) is reachable from all of them, a file path only
 * through a volume that every pod mounts ({@code eider.warehouse.volume-claim}).
 *
 * @param connection the connection string given to workers (EIDER_WAREHOUSE)
 * @param volume the claim that holds a DuckDB file path and where pods mount it; empty otherwise
 */
public record ProductionWarehouse(String connection, Optional<WarehouseVolume> volume) {

  static final String OBJECT_NAME = "warehouse/eider.duckdb";

  /**
   * The claim holding DuckDB files, mounted at the directory of the production file. Staging
   * databases of branches are its siblings, so one mount serves production and every branch.
   */
  public record WarehouseVolume(String claimName, String mountPath) {}

  /** The configured warehouse; call {@link #problem} first (the operator does at startup). */
  public static ProductionWarehouse of(EiderConfig config) {
    String connection = connection(config);
    Optional<WarehouseVolume> volume = config.warehouse().volumeClaim().map(String::strip).filter(claim -> !claim.isEmpty())
        .flatMap(claim -> DatabaseLocation.parse(connection).filter(location -> location.kind() == DatabaseLocation.Kind.FILE)
            .map(location -> new WarehouseVolume(claim, directory(location))));
    return new ProductionWarehouse(connection, volume);
  }

  /** {@code eider.warehouse.connection}, or the DuckDB file next to the raw data in the bucket when unset. */
  static String connection(EiderConfig config) {
    return config.warehouse().connection().map(String::strip).filter(value -> !value.isEmpty())
        .orElseGet(() -> "s3://" + config.storage().bucket() + "/" + trimSlashes(config.storage().prefix()) + "/" + OBJECT_NAME);
  }

  /** Why workers could not reach the configured warehouse, as one line that says what to set; empty when they can. */
  public static Optional<String> problem(EiderConfig config) {
    String connection = connection(config);
    Optional<String> claim = config.warehouse().volumeClaim().map(String::strip).filter(value -> !value.isEmpty());
    Optional<DatabaseLocation> location = DatabaseLocation.parse(connection);
    if (location.isEmpty()) {
      return Optional.of("eider.warehouse.connection '" + connection + "' is not s3://<bucket>/<key>.duckdb, md:<database>"
          + " or an absolute DuckDB file path; set it to one of these, or leave it unset for a DuckDB file in the bucket");
    }
    boolean file = location.get().kind() == DatabaseLocation.Kind.FILE;
    if (file && claim.isEmpty()) {
      return Optional.of("eider.warehouse.connection is the file path " + connection + ", which worker pods do not share:"
          + " set eider.warehouse.volume-claim to a PersistentVolumeClaim to mount at " + directory(location.get())
          + ", or use s3://<bucket>/<key>.duckdb or md:<database> (unset: s3://" + config.storage().bucket() + "/"
          + trimSlashes(config.storage().prefix()) + "/" + OBJECT_NAME + ")");
    }
    if (file && (!connection.startsWith("/") || directory(location.get()).equals("/"))) {
      return Optional.of("eider.warehouse.connection " + connection + " must be an absolute path below a directory"
          + " (e.g. /var/lib/eider/eider.duckdb): that directory is where eider.warehouse.volume-claim is mounted");
    }
    if (!file && claim.isPresent()) {
      return Optional.of("eider.warehouse.volume-claim (" + claim.get() + ") is only for a DuckDB file path, but"
          + " eider.warehouse.connection is " + location.get().display() + ": unset eider.warehouse.volume-claim");
    }
    return Optional.empty();
  }

  private static String directory(DatabaseLocation file) {
    String container = file.container();
    return container.length() > 1 && container.endsWith("/") ? container.substring(0, container.length() - 1) : container;
  }

  private static String trimSlashes(String prefix) {
    return prefix.replaceAll("^/+|/+$", "");
  }
}
