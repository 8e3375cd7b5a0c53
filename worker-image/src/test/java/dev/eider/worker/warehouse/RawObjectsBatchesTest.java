package dev.eider.worker.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eider.worker.storage.ObjectLayout;
import dev.eider.worker.warehouse.RawObjects.Pending;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How pending raw objects are split into load batches: as few as the maxima allow, in listing order. */
class RawObjectsBatchesTest {

  static final long MIB = 1L << 20;

  /** 1,000 objects of 1 MiB: 256 MiB a batch, and the 232 left. */
  @Test
  void aLongBacklogIsSplitAtTheByteMaximum() {
    assertThat(sizes(objects(1000, MIB).batches(2000, 256 * MIB))).containsExactly(256, 256, 256, 232);
  }

  /** The benchmark's backlog, 1,000 objects of 105 KiB (105 MB): one batch, one transaction. */
  @Test
  void aMillionItemBacklogIsOneBatch() {
    assertThat(sizes(objects(1000, 105 * 1024).batches(2000, 256 * MIB))).containsExactly(1000);
  }

  /** A daily increment (20 objects of 100 KiB) is one batch. */
  @Test
  void aSmallLoadIsOneBatch() {
    assertThat(sizes(objects(20, 100 * 1024).batches(2000, 256 * MIB))).containsExactly(20);
  }

  /** The object count bounds a batch too, and every object is in exactly one batch, in listing order. */
  @Test
  void theObjectMaximumHoldsAndNothingIsLost() {
    List<List<Pending>> batches = objects(5000, 1024).batches(2000, 256 * MIB);

    assertThat(sizes(batches)).containsExactly(2000, 2000, 1000);
    assertThat(batches.stream().flatMap(List::stream).map(p -> p.object().runId()).toList())
        .isEqualTo(objects(5000, 1024).pending().stream().map(p -> p.object().runId()).toList());
  }

  /** An object larger than the byte maximum is loaded in a batch of its own, not dropped or merged. */
  @Test
  void anObjectOverTheByteMaximumIsABatchOfItsOwn() {
    List<Pending> pending = new ArrayList<>(objects(2, MIB).pending());
    pending.add(1, objects(1, 300 * MIB).pending().get(0));

    assertThat(sizes(new RawObjects(pending, 0, 0).batches(2000, 256 * MIB))).containsExactly(1, 1, 1);
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
