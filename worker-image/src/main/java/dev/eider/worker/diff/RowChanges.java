package dev.eider.worker.diff;

/** Rows matched by key: only in the branch, only in production, in both with a different value, or equal. */
public record RowChanges(long added, long removed, long changed, long unchanged) {}
