package dev.eider.operator.asset.run;

import dev.eider.operator.api.asset.AssetSpec;

/**
 * Which runs open the warehouse: transforms write it, reports read it. Both get the namespace's
 * warehouse and take its one-writer slot, since a DuckDB file that one process writes cannot be
 * opened by another at the same time, not even to read; an ingestion never opens it.
 */
public final class WarehouseAccess {

  private WarehouseAccess() {}

  public static boolean opensWarehouse(AssetSpec spec) {
    return spec.getTransform() != null || spec.getReport() != null;
  }
}
