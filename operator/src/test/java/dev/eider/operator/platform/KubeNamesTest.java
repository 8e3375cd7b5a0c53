package dev.eider.operator.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Deterministic, DNS-safe names that fit, hash-truncated when they must be cut. */
class KubeNamesTest {

  @Test
  void hashIsStableHexOfTheAskedLength() {
    assertThat(KubeNames.hash("starter-pack", 16)).hasSize(16).matches("[0-9a-f]+").isEqualTo(KubeNames.hash("starter-pack", 16));
    assertThat(KubeNames.hash("starter-pack", 8)).isEqualTo(KubeNames.hash("starter-pack", 16).substring(0, 8));
    assertThat(KubeNames.hash("a", 16)).isNotEqualTo(KubeNames.hash("b", 16));
    // SHA-256 of the empty string.
    assertThat(KubeNames.hash("", 12)).isEqualTo("e3b0c44298fc");
  }

  @Test
  void shortNamesAreJoinedAsTheyAre() {
    assertThat(KubeNames.join("feeds", "published", 63)).isEqualTo("feeds-published");
    assertThat(KubeNames.join("a".repeat(53), "published", 63)).hasSize(63).isEqualTo("a".repeat(53) + "-published");
  }

  @Test
  void longPrefixesAreCutAndMarkedWithTheirHash() {
    String shared = "daily-top-posts-of-the-reference-dashboard-for-the-bluesky-sample";
    String one = KubeNames.join(shared + "-one", "partitions-a", 63);
    String two = KubeNames.join(shared + "-two", "partitions-a", 63);

    assertThat(one).hasSize(63).endsWith("-partitions-a").contains("-" + KubeNames.hash(shared + "-one", 5) + "-");
    assertThat(two).hasSize(63);
    assertThat(one).isNotEqualTo(two);
    assertThat(one).isEqualTo(KubeNames.join(shared + "-one", "partitions-a", 63));
  }

  @Test
  void cutNeverLeavesADashOrDotBeforeTheMarker() {
    for (int length = 60; length < 120; length++) {
      String prefix = "ab-c.".repeat(30).substring(0, length);
      assertThat(KubeNames.join(prefix, "x-1", 63)).as(prefix).doesNotContain("--").doesNotContain(".-")
          .hasSizeLessThanOrEqualTo(63);
    }
  }
}
