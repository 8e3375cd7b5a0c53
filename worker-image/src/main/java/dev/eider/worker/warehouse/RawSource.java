package dev.eider.worker.warehouse;

/** A raw table and the ingestion asset whose objects are loaded into it. */
public record RawSource(String table, String asset, String description) {}
