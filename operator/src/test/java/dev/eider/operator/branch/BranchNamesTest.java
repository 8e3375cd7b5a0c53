package dev.eider.operator.branch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eider.operator.api.ApiPatterns;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Names derived from branches: readable, DNS-safe, distinct whatever the branch is called. */
class BranchNamesTest {

  static final List<String> HOSTILE = List.of(
      "feature/top-links", "Feature/Top-Links", "feature-top-links", "feature.top.links", "feature//top--links",
      "../../etc/passwd", "..", "/", "-", "___", "", " ", "UPPER", "a".repeat(255), "x/".repeat(120),
      "日本語のブランチ", "café/naïve-ﬁx", "emoji-🚀-launch", "tab\tand\nnewline", "dependabot/npm_and_yarn/lodash-4.17.21",
      "release/2025.01", "a-", "-a", "0", "9".repeat(70));

  @Test
  void aPlainBranchGivesAReadableNamespace() {
    BranchNames names = BranchNames.of("feature/top-links");
    assertThat(names.slug()).isEqualTo("feature-top-links");
    assertThat(names.namespace()).isEqualTo("eider-feature-top-links-" + names.hash());
    assertThat(names.hash()).hasSize(8).matches("[0-9a-f]{8}");
    assertThat(names.key()).isEqualTo("feature-top-links-" + names.hash());
    assertThat(names.objectPrefix("raw")).isEqualTo("raw/branches/feature-top-links-" + names.hash());
  }

  @Test
  void everyHostileBranchGivesADnsLabelOfAtMost63Characters() {
    for (String branch : HOSTILE) {
      BranchNames names = BranchNames.of(branch);
      assertThat(names.namespace()).as(branch).matches(ApiPatterns.DNS_LABEL).hasSizeLessThanOrEqualTo(63).startsWith("eider-");
      assertThat(names.key()).as(branch).matches(ApiPatterns.DNS_LABEL).hasSizeLessThanOrEqualTo(63);
      assertThat(names.objectPrefix("raw")).as(branch).matches("raw/branches/[a-z0-9-]+").doesNotContain("..");
    }
  }

  @Test
  void distinctBranchesNeverShareANamespaceEvenWhenTheySlugAlike() {
    Set<String> namespaces = new HashSet<>();
    Set<String> prefixes = new HashSet<>();
    Set<String> databases = new HashSet<>();
    for (String branch : HOSTILE) {
      BranchNames names = BranchNames.of(branch);
      namespaces.add(names.namespace());
      prefixes.add(names.objectPrefix("raw"));
      databases.add(names.databaseName("prod", 63));
    }
    assertThat(namespaces).hasSize(HOSTILE.size());
    assertThat(prefixes).hasSize(HOSTILE.size());
    assertThat(databases).hasSize(HOSTILE.size());
    assertThat(BranchNames.of("Feature/X").slug()).isEqualTo(BranchNames.of("feature-x").slug());
    assertThat(BranchNames.of("Feature/X").namespace()).isNotEqualTo(BranchNames.of("feature-x").namespace());
  }

  @Test
  void nothingLeftAfterSluggingBecomesBranch() {
    assertThat(BranchNames.of("日本語").slug()).isEqualTo("branch");
    assertThat(BranchNames.of("../..").slug()).isEqualTo("branch");
    assertThat(BranchNames.of("").namespace()).startsWith("eider-branch-");
  }

  @Test
  void accentsAndLigaturesBecomeTheirLetters() {
    assertThat(BranchNames.of("café/naïve-ﬁx").slug()).isEqualTo("cafe-naive-fix");
  }

  @Test
  void aLongBranchIsCutWithoutATrailingDashAndKeepsItsHash() {
    BranchNames names = BranchNames.of("feature/" + "very-long-".repeat(20));
    assertThat(names.namespace()).hasSizeBetween(60, 63).endsWith("-" + names.hash()).doesNotContain("--");
  }

  @ParameterizedTest
  @ValueSource(strings = {"feature/top-links", "日本語", "../x", "a-b-c-d-e-f-g-h-i-j-k-l-m-n-o-p-q-r-s-t-u-v-w-x-y-z-0-1-2-3-4-5"})
  void databaseNamesAreIdentifiersThatFit(String branch) {
    BranchNames names = BranchNames.of(branch);
    assertThat(names.databaseName("bluesky", 63)).matches("bluesky_br_[a-z0-9_]+_" + names.hash()).hasSizeLessThanOrEqualTo(63);
    assertThat(names.databaseName("p".repeat(63), 63)).hasSize(63).endsWith("_br_" + names.hash());
  }

  @Test
  void longDeploymentNamesBecomeValidLabelValues() {
    String name = "pr-" + "x".repeat(100) + ".example";
    assertThat(BranchLabels.labelValue(name)).hasSizeLessThanOrEqualTo(63).matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?");
    assertThat(BranchLabels.labelValue("short")).isEqualTo("short");
    assertThat(BranchLabels.labelValue(name)).isNotEqualTo(BranchLabels.labelValue(name + "2"));
  }
}
