package dev.eider.worker.warehouse;

import java.sql.Connection;

/** An open warehouse: a JDBC connection to DuckDB or MotherDuck for the length of one run. */
public interface WarehouseSession extends AutoCloseable {

  Connection connection();

  /**
   * Makes the committed changes durable where the warehouse lives: nothing to do for a local file
   * or MotherDuck (each transaction is durable), the conditional upload for an object. Called once,
   * after the run succeeded.
   */
  void publish();

  /** Releases the session; unpublished changes of an object warehouse are discarded. */
  @Override
  void close();
}
