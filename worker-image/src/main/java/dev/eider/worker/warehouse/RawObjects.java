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
   * Splits the pending objects into batches of at most {@code maxObjects} and {@code maxBytes} (an
   * object larger than that is a batch of its own), in listing order. A batch is one transaction
   * and one scan, and DuckDB reads one large batch faster per row than the same rows in several:
   * at 1,000,000 items (TransformBenchmark, 105 MB in 1,000 objects) one batch took 1.08 x a direct
   * DuckDB run, batches growing fourfold from a 16th of the backlog 1.23 x, overlapping downloads
   * and all. So a backlog is split only where the temporary disk asks for it, and then the next
   * batch downloads while DuckDB reads the current one.
   */
  List<List<Pending>> batches(int maxObjects, long maxBytes) {
    List<List<Pending>> batches = new ArrayList<>();
    List<Pending> current = new ArrayList<>();
    long bytes = 0;
    for (Pending object : pending) {
      if (!current.isEmpty() && (current.size() >= maxObjects || bytes + object.size() > maxBytes)) {
        batches.add(current);
        current = new ArrayList<>();
        bytes = 0;
      }
      current.add(object);
      bytes += object.size();
    }
    if (!current.isEmpty()) {
      batches.add(current);
    }
    return batches;
  }
}
