package dev.eider.worker.warehouse;

import dev.eider.worker.run.WorkerFailure;
import dev.eider.worker.warehouse.WarehouseLocation.LocalFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;

/**
 * A DuckDB file on the local disk. Every committed transaction is durable at once; a run that
 * created the file and then failed deletes it again, so a failed first run leaves nothing behind.
 */
final class LocalFileWarehouse implements Warehouse {

  private final LocalFile location;
  private final DuckDbResources resources;

  LocalFileWarehouse(LocalFile location, DuckDbResources resources) {
    this.location = location;
    this.resources = resources;
  }

  @Override
  public LocalFile location() {
    return location;
  }

  private Path path() {
    return location.path();
  }

  @Override
  public WarehouseSession open(boolean readOnly) {
    boolean existed = Files.exists(path());
    if (readOnly && !existed) {
      throw WorkerFailure.failed("warehouse " + location.display() + " does not exist yet: run transform first", null);
    }
    if (!existed) {
      try {
        Files.createDirectories(path().toAbsolutePath().getParent());
      } catch (IOException e) {
        throw WorkerFailure.badInput("cannot create the directory of warehouse " + location.display() + ": " + e.getMessage());
      }
    }
    Connection connection = DuckDb.openFile(path(), readOnly, "warehouse " + location.display(), resources);
    return new Session(connection, !existed);
  }

  @Override
  public void cloneTo(WarehouseLocation target, boolean replace) {
    if (!(target instanceof LocalFile to)) {
      throw WorkerFailure.badInput("cannot clone " + location.display() + " to " + target.display()
          + ": both must be local DuckDB files");
    }
    requireDuckDbFile();
    if (Files.exists(to.path()) && !replace) {
      throw WorkerFailure.badInput("target " + to.display() + " exists: drop it first, or pass --replace");
    }
    checkpointIfLogged();
    Path temp = to.path().resolveSibling("." + to.path().getFileName() + "." + UUID.randomUUID() + ".tmp");
    try {
      Files.createDirectories(to.path().toAbsolutePath().getParent());
      // Copy beside the target and rename: the target is either the old file or the whole copy.
      Files.copy(path(), temp, StandardCopyOption.COPY_ATTRIBUTES);
      // A stale log of the replaced target would be replayed onto the copy: remove it first.
      Files.deleteIfExists(DuckDb.walOf(to.path()));
      Files.move(temp, to.path(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw WorkerFailure.failed("copying " + location.display() + " to " + to.display() + " failed: " + e.getMessage(), e);
    } finally {
      deleteQuietly(temp);
    }
  }

  @Override
  public DropOutcome drop() {
    try {
      boolean existed = Files.deleteIfExists(path());
      Files.deleteIfExists(DuckDb.walOf(path()));
      return existed ? DropOutcome.DROPPED : DropOutcome.ABSENT;
    } catch (IOException e) {
      throw WorkerFailure.failed("cannot delete " + location.display() + ": " + e.getMessage(), e);
    }
  }

  private void requireDuckDbFile() {
    if (!Files.isRegularFile(path())) {
      throw WorkerFailure.badInput("source database " + location.display() + " does not exist");
    }
    try {
      if (!DuckDb.isDuckDbFile(path())) {
        throw WorkerFailure.failed(location.display() + " is not a valid DuckDB database file (corrupt, or another format)", null);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Changes still in the write-ahead log are not in the file: fold them in before copying it. */
  private void checkpointIfLogged() {
    if (Files.exists(DuckDb.walOf(path()))) {
      try (Connection connection = DuckDb.openFile(path(), false, "source database " + location.display(), resources)) {
        DuckDb.checkpoint(connection);
      } catch (SQLException e) {
        throw WorkerFailure.failed("cannot checkpoint " + location.display() + " before copying it: " + DuckDb.message(e), e);
      }
    }
  }

  @Override
  public Attachment attachReadOnly(WarehouseSession session, String alias) {
    requireDuckDbFile();
    checkpointIfLogged();
    return Attachments.attachFile(session.connection(), path(), alias, location.display(), () -> {});
  }

  @Override
  public void close() {}

  private final class Session implements WarehouseSession {
    private final Connection connection;
    private final boolean created;
    private boolean published;

    Session(Connection connection, boolean created) {
      this.connection = connection;
      this.created = created;
    }

    @Override
    public Connection connection() {
      return connection;
    }

    @Override
    public void publish() {
      published = true;
    }

    @Override
    public void close() {
      try {
        connection.close();
      } catch (SQLException e) {
        // Closing only releases the file; committed work is already durable.
      }
      if (created && !published) {
        deleteQuietly(path());
        deleteQuietly(DuckDb.walOf(path()));
      }
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // Best effort: a leftover temporary file is harmless and named as such.
    }
  }
}
