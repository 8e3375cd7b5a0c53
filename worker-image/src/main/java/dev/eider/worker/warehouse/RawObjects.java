package dev.eider.worker.warehouse;

import dev.eider.worker.storage.ObjectLayout;
import dev.eider.worker.storage.ObjectLayout.RawObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Raw objects listed in the bucket, sorted into what a load must do with them. */
record RawObjects(List<Pending> pending, int skipped, int ignored) {

  /** An object to load: new ({@code reload} false) or changed since it was loaded. */
  record Pending(RawObject object, String etag, long size, boolean reload) {}

  /** One listed object: its key, ETag and size. */
  record Listed(String key, String etag, long size) {}

  /**
   * Compares the listing with the objects already loaded (key to ETag): unknown keys are new, a
   * different ETag means the object was rewritten, and keys that are not raw objects of
   * {@code asset} are ignored.
   */
  static RawObjects classify(String asset, Iterable<Listed> listing, Map<String, String> loaded) {
    List<Pending> pending = new ArrayList<>();
    int skipped = 0;
    int ignored = 0;
    for (Listed listed : listing) {
      RawObject object = ObjectLayout.parse(listed.key()).filter(o -> o.asset().equals(asset)).orElse(null);
      if (object == null) {
        ignored++;
        continue;
      }
      String known = loaded.get(listed.key());
      if (known == null) {
        pending.add(new Pending(object, listed.etag(), listed.size(), false));
      } else if (!known.equals(listed.etag())) {
        pending.add(new Pending(object, listed.etag(), listed.size(), true));
      } else {
        skipped++;
      }
    }
    return new RawObjects(pending, skipped, ignored);
  }

  /**
   * Splits the pending objects into batches of at most {@code maxObjects} and about
   * {@code maxBytes}. The first is about a {@value #FIRST_SHARE}th of all (at least
   * {@code minFirstBytes}) and each next one {@value #GROWTH} times the one before: the first
   * download is the only one DuckDB waits for, the others overlap the reading of the batch before
   * (measured by TransformBenchmark: one batch of 1,000 objects waited 17 s for its downloads, a
   * third of the time DuckDB then took to read them). Growing by 4 rather than 2 keeps the batches
   * few (each is a transaction and a scan of its own, and DuckDB reads a large batch faster per
   * row), while 16 downloads in flight still fill a batch before DuckDB has read the one before.
   */
  List<List<Pending>> batches(int maxObjects, long maxBytes, long minFirstBytes) {
    long total = pending.stream().mapToLong(Pending::size).sum();
    long limit = Math.min(maxBytes, Math.max(minFirstBytes, total / FIRST_SHARE));
    List<List<Pending>> batches = new ArrayList<>();
    List<Pending> current = new ArrayList<>();
    long bytes = 0;
    for (Pending object : pending) {
      if (!current.isEmpty() && (current.size() >= maxObjects || bytes + object.size() > limit)) {
        batches.add(current);
        current = new ArrayList<>();
        bytes = 0;
        limit = Math.min(maxBytes, GROWTH * limit);
      }
      current.add(object);
      bytes += object.size();
    }
    if (!current.isEmpty()) {
      batches.add(current);
    }
    return batches;
  }

  /** The first batch holds about this share of the bytes to load. */
  static final int FIRST_SHARE = 16;

  /** How much larger each batch is than the one before. */
  static final int GROWTH = 4;
}
