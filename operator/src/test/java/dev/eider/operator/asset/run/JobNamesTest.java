package dev.eider.operator.asset.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eider.operator.api.ApiPatterns;
import dev.eider.operator.platform.KubeNames;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Run Job names: deterministic per partition and run number, a valid label value of at most 63 characters. */
class JobNamesTest {

  static final String URI = "at://did:plc:lc5jzrr425fyah724df3z5ik/app.bsky.graph.starterpack/3l7cddlz5ja24";

  @Test
  void sameRunAlwaysGetsTheSameName() {
    assertThat(JobNames.of("starter-pack-snapshot", URI, 3)).isEqualTo(JobNames.of("starter-pack-snapshot", URI, 3))
        .isEqualTo("starter-pack-snapshot-11822dde0319ba1d-3");
  }

  /**
   * Fixed names, written down once: a change of the hash or of the layout between versions would
   * give every partition's next run a new Job name (and the operator, after an upgrade, would not
   * recognise the Jobs of runs in flight), so it must fail here, not pass as f(x) == f(x).
   */
  @Test
  void namesAreTheSameAcrossVersions() {
    assertThat(JobNames.of("starter-pack-snapshot", URI, 3)).isEqualTo("starter-pack-snapshot-11822dde0319ba1d-3");
    assertThat(JobNames.of("refused", "", 1)).isEqualTo("refused-e3b0c44298fc1c14-1");
    assertThat(JobNames.of("refused", "", 2)).isEqualTo("refused-e3b0c44298fc1c14-2");
    assertThat(JobNames.of("actor-feed-snapshot", "did:plc:member042309", 1)).isEqualTo("actor-feed-snapshot-dc9135af3ef961fd-1");
    assertThat(JobNames.of("actor-feed-snapshot", "did:plc:member133581", 1)).isEqualTo("actor-feed-snapshot-dc9135af2db6541a-1");
    assertThat(JobNames.of("a".repeat(40) + "-" + "b".repeat(100) + "-one", URI, Long.MAX_VALUE))
        .isEqualTo("aaaaaaaaaaaaaaaaaaaa-5065e-11822dde0319ba1d-9223372036854775807");
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
    assertThat(KubeNames.partitionHash(one).substring(0, 8)).isEqualTo(KubeNames.partitionHash(two).substring(0, 8));

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
