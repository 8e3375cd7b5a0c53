package dev.eider.worker.warehouse;

import dev.eider.contract.env.WorkerEnv;
import dev.eider.worker.storage.ObjectStore;
import dev.eider.worker.storage.StorageConfig;
import dev.eider.worker.warehouse.WarehouseLocation.LocalFile;
import dev.eider.worker.warehouse.WarehouseLocation.MotherDuck;
import dev.eider.worker.warehouse.WarehouseLocation.ObjectFile;
import java.util.HashMap;
import java.util.Map;

/** Opens the {@link Warehouse} a location names, with what the environment provides for it. */
public final class Warehouses {

  private Warehouses() {}

  public static Warehouse open(WarehouseLocation location, Map<String, String> env) {
    return open(location, env, JdbcConnector.DRIVER_MANAGER);
  }

  static Warehouse open(WarehouseLocation location, Map<String, String> env, JdbcConnector connector) {
    DuckDbResources resources = DuckDbResources.fromEnvironment(env);
    if (location instanceof LocalFile file) {
      return new LocalFileWarehouse(file, resources);
    }
    if (location instanceof ObjectFile object) {
      // The bucket is the one the location names; endpoint and credentials are the usual AWS_* ones.
      Map<String, String> storageEnv = new HashMap<>(env);
      storageEnv.put(WorkerEnv.BUCKET, object.bucket());
      storageEnv.put(WorkerEnv.PREFIX, "");
      return new ObjectFileWarehouse(object, ObjectStore.open(StorageConfig.fromEnvironment(storageEnv)), resources);
    }
    MotherDuck database = (MotherDuck) location;
    return new MotherDuckWarehouse(database, env.get(MotherDuckWarehouse.TOKEN_ENV), connector, resources);
  }
}
