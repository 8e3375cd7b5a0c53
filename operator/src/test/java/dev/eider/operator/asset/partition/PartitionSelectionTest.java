package dev.eider.operator.asset.partition;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The partitions a manual request names: all, a comma list, or an inclusive range. */
class PartitionSelectionTest {

  static final List<String> KEYS = List.of("2025-01-01", "2025-01-02", "2025-01-03", "2025-01-04");

  final List<String> unknown = new ArrayList<>();

  @Test
  void noExpressionSelectsEveryPartition() {
    assertThat(PartitionSelection.select(null, KEYS, unknown)).isEqualTo(KEYS);
    assertThat(PartitionSelection.select("  ", KEYS, unknown)).isEqualTo(KEYS);
    assertThat(unknown).isEmpty();
  }

  @Test
  void commaListSelectsEachNamedPartitionOnce() {
    assertThat(PartitionSelection.select("2025-01-03, 2025-01-01,, 2025-01-03", KEYS, unknown))
        .containsExactly("2025-01-03", "2025-01-01");
    assertThat(unknown).isEmpty();
  }

  @Test
  void rangeIsInclusiveAndInTheAssetsOrder() {
    assertThat(PartitionSelection.select("2025-01-02..2025-01-04", KEYS, unknown))
        .containsExactly("2025-01-02", "2025-01-03", "2025-01-04");
    assertThat(PartitionSelection.select(" 2025-01-02 .. 2025-01-02 ", KEYS, unknown)).containsExactly("2025-01-02");
  }

  @Test
  void openRangesRunToTheFirstOrLastPartition() {
    assertThat(PartitionSelection.select("..2025-01-02", KEYS, unknown)).containsExactly("2025-01-01", "2025-01-02");
    assertThat(PartitionSelection.select("2025-01-03..", KEYS, unknown)).containsExactly("2025-01-03", "2025-01-04");
  }

  @Test
  void backwardRangeSelectsNothing() {
    assertThat(PartitionSelection.select("2025-01-04..2025-01-02", KEYS, unknown)).isEmpty();
  }

  @Test
  void unknownNamesAreReported() {
    assertThat(PartitionSelection.select("2025-01-01,1999-12-31", KEYS, unknown)).containsExactly("2025-01-01");
    assertThat(unknown).containsExactly("1999-12-31");
  }

  @Test
  void unknownRangeEndsAreReportedAndSelectNothing() {
    assertThat(PartitionSelection.select("2024-12-01..2025-02-01", KEYS, unknown)).isEmpty();
    assertThat(unknown).containsExactly("2024-12-01", "2025-02-01");
  }
}
