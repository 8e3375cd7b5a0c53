package dev.eider.worker.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eider.worker.storage.ObjectLayout;
import dev.eider.worker.warehouse.RawObjects.Pending;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How pending raw objects are split into load batches: small first, then growing fourfold, within the maxima. */
class RawObjectsBatchesTest {

  static final long MIB = 1L << 20;

  /** 1,000 objects of 1 MiB: 62, 250, 256, 256 and the 176 left (a 16th of 1,000 MiB first, then 4 times more, up to 256). */
  @Test
  void batchesGrowFromASixteenthUpToTheMaximum() {
    assertThat(sizes(objects(1000, MIB).batches(2000, 256 * MIB, 4 * MIB))).containsExactly(62, 250, 256, 256, 176);
  }

  /** The benchmark's backlog, 1,000 objects of about 105 KiB: 62, 250 and the 688 left, three transactions. */
  @Test
  void aMillionItemBacklogIsThreeBatches() {
    assertThat(sizes(objects(1000, 105 * 1024).batches(2000, 256 * MIB, 4 * MIB))).containsExactly(62, 250, 688);
  }

  /** A daily increment (20 objects of 100 KiB) under the first batch's minimum stays one batch. */
  @Test
  void aSmallLoadIsOneBatch() {
    assertThat(sizes(objects(20, 100 * 1024).batches(2000, 256 * MIB, 4 * MIB))).containsExactly(20);
  }

  /** The object count bounds a batch too, and every object is in exactly one batch. */
  @Test
  void theObjectMaximumHoldsAndNothingIsLost() {
    List<List<Pending>> batches = objects(5000, 1024).batches(2000, 256 * MIB, 4 * MIB);

    assertThat(sizes(batches)).containsExactly(2000, 2000, 1000);
    assertThat(batches.stream().flatMap(List::stream).map(p -> p.object().runId()).distinct()).hasSize(5000);
  }

  private static RawObjects objects(int count, long size) {
    List<Pending> pending = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String key = "feed/2025-01-01/did%3Aplc%3Aa/20250101T000000Z-" + String.format("%08x", i) + ObjectLayout.SUFFIX;
      pending.add(new Pending(ObjectLayout.parse(key).orElseThrow(), "etag" + i, size, false));
    }
    return new RawObjects(pending, 0, 0);
  }

  private static List<Integer> sizes(List<List<Pending>> batches) {
    return batches.stream().map(List::size).toList();
  }
}
