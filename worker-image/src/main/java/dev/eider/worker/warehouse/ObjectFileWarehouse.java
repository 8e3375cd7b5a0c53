package dev.eider.worker.warehouse;

import dev.eider.worker.run.WorkerFailure;
import dev.eider.worker.storage.ObjectStore;
import dev.eider.worker.storage.S3Failures;
import dev.eider.worker.warehouse.WarehouseLocation.ObjectFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.stream.Stream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * A DuckDB file kept as an object ({@code s3://bucket/key}): downloaded to a temporary file, used,
 * and uploaded back with a conditional write ({@code If-Match} the ETag it was downloaded with, or
 * {@code If-None-Match: *} when it did not exist), so a concurrent writer's upload is detected
 * (412) and never overwritten. A run that fails uploads nothing.
 */
final class ObjectFileWarehouse implements Warehouse {

  private final ObjectFile location;
  private final ObjectStore store;
  private final DuckDbResources resources;

  ObjectFileWarehouse(ObjectFile location, ObjectStore store, DuckDbResources resources) {
    this.location = location;
    this.store = store;
    this.resources = resources;
  }

  @Override
  public ObjectFile location() {
    return location;
  }

  @Override
  public WarehouseSession open(boolean readOnly) {
    Path directory = createTempDirectory();
    try {
      Path file = directory.resolve("warehouse.duckdb");
      String etag = download(file);
      if (etag == null && readOnly) {
        throw WorkerFailure.failed("warehouse " + location.display() + " does not exist yet: run transform first", null);
      }
      Connection connection = DuckDb.openFile(file, readOnly, "warehouse " + location.display(), resources);
      return new Session(directory, file, connection, etag, readOnly);
    } catch (RuntimeException e) {
      deleteRecursively(directory);
      throw e;
    }
  }

  /** Downloads the object to {@code file} and returns its ETag, or null when there is no object yet. */
  private String download(Path file) {
    try {
      GetObjectResponse response = store.s3().getObject(b -> b.bucket(location.bucket()).key(location.key()),
          ResponseTransformer.toFile(file));
      return response.eTag();
    } catch (NoSuchKeyException e) {
      return null;
    } catch (SdkException e) {
      throw S3Failures.of(e, "downloading warehouse " + location.display());
    }
  }

  @Override
  public void cloneTo(WarehouseLocation target, boolean replace) {
    if (!(target instanceof ObjectFile to) || !to.bucket().equals(location.bucket())) {
      throw WorkerFailure.badInput("cannot clone " + location.display() + " to " + target.display()
          + ": a server-side copy needs both databases in the same bucket");
    }
    if (head(location.key()) == null) {
      throw WorkerFailure.badInput("source database " + location.display() + " does not exist");
    }
    requireDuckDbHeader();
    if (!replace && head(to.key()) != null) {
      throw WorkerFailure.badInput("target " + to.display() + " exists: drop it first, or pass --replace");
    }
    try {
      // Server-side copy: the bytes never travel through the worker.
      store.s3().copyObject(b -> b.sourceBucket(location.bucket()).sourceKey(location.key())
          .destinationBucket(to.bucket()).destinationKey(to.key()));
    } catch (SdkException e) {
      throw S3Failures.of(e, "copying " + location.display() + " to " + to.display());
    }
  }

  private void requireDuckDbHeader() {
    try {
      byte[] header = store.s3().getObjectAsBytes(b -> b.bucket(location.bucket()).key(location.key()).range("bytes=0-15"))
          .asByteArray();
      if (!DuckDb.isDuckDbHeader(header)) {
        throw WorkerFailure.failed(location.display() + " is not a valid DuckDB database file (corrupt, or another format)", null);
      }
    } catch (SdkException e) {
      throw S3Failures.of(e, "reading " + location.display());
    }
  }

  @Override
  public DropOutcome drop() {
    if (head(location.key()) == null) {
      return DropOutcome.ABSENT;
    }
    try {
      store.s3().deleteObject(b -> b.bucket(location.bucket()).key(location.key()));
      return DropOutcome.DROPPED;
    } catch (SdkException e) {
      throw S3Failures.of(e, "deleting " + location.display());
    }
  }

  private HeadObjectResponse head(String key) {
    try {
      return store.s3().headObject(b -> b.bucket(location.bucket()).key(key));
    } catch (NoSuchKeyException e) {
      return null;
    } catch (SdkException e) {
      if (S3Failures.isStatus(e, 404)) {
        return null;
      }
      throw S3Failures.of(e, "looking up s3://" + location.bucket() + "/" + key);
    }
  }

  @Override
  public Attachment attachReadOnly(WarehouseSession session, String alias) {
    Path directory = createTempDirectory();
    try {
      Path file = directory.resolve("attached.duckdb");
      if (download(file) == null) {
        throw WorkerFailure.badInput("database " + location.display() + " does not exist");
      }
      return Attachments.attachFile(session.connection(), file, alias, location.display(),
          () -> deleteRecursively(directory));
    } catch (RuntimeException e) {
      deleteRecursively(directory);
      throw e;
    }
  }

  @Override
  public void close() {
    store.close();
  }

  private final class Session implements WarehouseSession {
    private final Path directory;
    private final Path file;
    private final Connection connection;
    private final String etag;
    private final boolean readOnly;

    Session(Path directory, Path file, Connection connection, String etag, boolean readOnly) {
      this.directory = directory;
      this.file = file;
      this.connection = connection;
      this.etag = etag;
      this.readOnly = readOnly;
    }

    @Override
    public Connection connection() {
      return connection;
    }

    @Override
    public void publish() {
      if (readOnly) {
        return;
      }
      try {
        DuckDb.checkpoint(connection);
        connection.close();
      } catch (SQLException e) {
        throw WorkerFailure.failed("cannot finish warehouse " + location.display() + " before uploading it: "
            + DuckDb.message(e), e);
      }
      if (Files.exists(DuckDb.walOf(file))) {
        throw WorkerFailure.failed("warehouse " + location.display() + " still has a write-ahead log after its "
            + "checkpoint; nothing was uploaded", null);
      }
      upload();
    }

    private void upload() {
      PutObjectRequest.Builder request = PutObjectRequest.builder().bucket(location.bucket()).key(location.key());
      if (etag == null) {
        request.ifNoneMatch("*");
      } else {
        request.ifMatch(etag);
      }
      try {
        store.s3().putObject(request.build(), RequestBody.fromFile(file));
      } catch (SdkException e) {
        // 412: the object changed (or appeared) since the download; 409: a conditional write raced ours.
        if (S3Failures.isStatus(e, 412, 409)) {
          throw WorkerFailure.retryable("warehouse " + location.display() + " was changed by a concurrent writer "
              + "since this run downloaded it" + (etag == null ? " (it did not exist then)" : " (ETag " + etag + ")")
              + ": nothing was uploaded; run again to work on the new version", e);
        }
        throw S3Failures.of(e, "uploading warehouse " + location.display());
      }
    }

    @Override
    public void close() {
      try {
        connection.close();
      } catch (SQLException e) {
        // The temporary copy is deleted below either way.
      }
      deleteRecursively(directory);
    }
  }

  private static Path createTempDirectory() {
    try {
      return Files.createTempDirectory("eider-warehouse-");
    } catch (IOException e) {
      throw WorkerFailure.failed("cannot create a temporary directory for the warehouse: " + e.getMessage(), e);
    }
  }

  static void deleteRecursively(Path directory) {
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // Best effort: the directory is temporary.
    }
  }
}
