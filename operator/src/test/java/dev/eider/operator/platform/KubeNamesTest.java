package dev.eider.operator.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Deterministic, DNS-safe names that fit, hash-truncated when they must be cut. */
class KubeNamesTest {

  /** SHA-256 values worked out outside Java ({@code printf %s TEXT | sha256sum}): the hash may not change across versions. */
  @Test
  void hashIsTheBeginningOfTheSha256InHex() {
    assertThat(KubeNames.hash("", 16)).isEqualTo("e3b0c44298fc1c14");
    assertThat(KubeNames.hash("a", 16)).isEqualTo("ca978112ca1bbdca");
    assertThat(KubeNames.hash("starter-pack", 16)).isEqualTo("10011b95a6d0c7fe");
    assertThat(KubeNames.hash("did:plc:abc", 16)).isEqualTo("b0b204c271d77143");
    assertThat(KubeNames.hash("did:plc:abc", 5)).isEqualTo("b0b20");
  }

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

    assertThat(one).hasSize(63).isEqualTo("daily-top-posts-of-the-reference-dashboard-f-6e54a-partitions-a");
    assertThat(two).hasSize(63).isEqualTo("daily-top-posts-of-the-reference-dashboard-f-69737-partitions-a");
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
