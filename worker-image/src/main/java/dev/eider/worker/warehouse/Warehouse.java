package dev.eider.worker.warehouse;

/**
 * One warehouse database, wherever it lives (see {@link WarehouseLocation}): what {@code transform}
 * and {@code check} run in, and what the staging commands clone and drop.
 */
public interface Warehouse extends AutoCloseable {

  WarehouseLocation location();

  /**
   * Opens the database for one run. A read-write session's changes become durable where the
   * warehouse lives only through {@link WarehouseSession#publish()}.
   */
  WarehouseSession open(boolean readOnly);

  /**
   * Makes {@code target} (same kind) a copy of this database. Without {@code replace} an existing
   * target is refused; the caller has checked that the target is not protected.
   */
  void cloneTo(WarehouseLocation target, boolean replace);

  /**
   * Makes this database readable, under a catalog name, in {@code session}: a session of another
   * database of the same kind (the data diff reads production beside a branch's staging
   * database). Closing the attachment detaches it and removes any local copy.
   */
  Attachment attachReadOnly(WarehouseSession session, String alias);

  /** A database readable in another session as {@code catalog}. */
  interface Attachment extends AutoCloseable {
    String catalog();

    @Override
    void close();
  }

  /** Deletes this database; dropping one that does not exist is not an error (teardown is idempotent). */
  DropOutcome drop();

  /** What {@link #drop()} found. */
  enum DropOutcome {
    DROPPED, ABSENT,
    /** The backend drops "if exists" without saying whether it did (MotherDuck). */
    DROPPED_IF_EXISTED
  }

  @Override
  void close();
}
