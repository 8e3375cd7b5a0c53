package dev.eider.worker.warehouse;

/**
 * What loading one raw table did: objects loaded for the first time, reloaded because their ETag
 * changed, skipped because already loaded, ignored because their key is not a raw object's; and
 * the rows inserted.
 */
public record RawLoadResult(String table, String asset, int loaded, int reloaded, int skipped, int ignored, long rows) {}
