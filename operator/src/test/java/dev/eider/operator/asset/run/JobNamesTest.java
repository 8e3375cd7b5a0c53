package dev.eider.operator.asset.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eider.operator.api.ApiPatterns;
import dev.eider.operator.asset.state.PartitionStateStore;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Run Job names: deterministic per partition and run number, a valid label value of at most 63 characters. */
class JobNamesTest {

  static final String URI = "at://did:plc:lc5jzrr425fyah724df3z5ik/app.bsky.graph.starterpack/3l7cddlz5ja24";

  @Test
  void sameRunAlwaysGetsTheSameName() {
    assertThat(JobNames.of("starter-pack-snapshot", URI, 3)).isEqualTo(JobNames.of("starter-pack-snapshot", URI, 3));
    assertThat(JobNames.of("starter-pack-snapshot", URI, 3)).startsWith("starter-pack-snapshot-").endsWith("-3");
  }

  @Test
  void partitionsAndRunNumbersGetDistinctNames() {
    Set<String> names = new HashSet<>();
    for (String key : new String[] {"", "a", "b", URI}) {
      for (long seq = 1; seq <= 12; seq++) {
        names.add(JobNames.of("x", key, seq));
      }
    }
    assertThat(names).hasSize(48);
  }

  @Test
  void partitionsWhoseHashesShareABeginningGetDistinctNames() {
    // SHA-256 of both starts with dc9135af: among 10,000 partitions, some pair shares its first 8
    // hex digits about once in a hundred assets, and two runs must never share a Job.
    String one = "did:plc:member042309";
    String two = "did:plc:member133581";
    assertThat(PartitionStateStore.partitionHash(one).substring(0, 8)).isEqualTo(PartitionStateStore.partitionHash(two).substring(0, 8));

    assertThat(JobNames.of("actor-feed-snapshot", one, 1)).isNotEqualTo(JobNames.of("actor-feed-snapshot", two, 1));
  }

  @Test
  void longAssetNamesAreCutToALabelAndStayDistinct() {
    String base = "a".repeat(40) + "-" + "b".repeat(100);
    String one = JobNames.of(base + "-one", URI, Long.MAX_VALUE);
    String two = JobNames.of(base + "-two", URI, Long.MAX_VALUE);

    assertThat(one).hasSizeLessThanOrEqualTo(63).matches(ApiPatterns.DNS_LABEL);
    assertThat(two).hasSizeLessThanOrEqualTo(63).matches(ApiPatterns.DNS_LABEL);
    assertThat(one).isNotEqualTo(two);
    assertThat(JobNames.of(base + "-one", URI, 1)).hasSizeLessThanOrEqualTo(63).endsWith("-1");
  }

  @Test
  void longNamesCutAtADashOrDotStillEndInAnAlphanumeric() {
    for (int length = 40; length <= 253; length++) {
      String asset = ("ab-cd.ef-" .repeat(40)).substring(0, length).replaceAll("[-.]+$", "");
      assertThat(JobNames.of(asset, "p", 7)).as(asset).hasSizeLessThanOrEqualTo(63)
          .matches("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$");
    }
  }
}
