package dev.eider.operator.asset;

import static dev.eider.operator.asset.BranchRawSourcesTest.asset;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eider.operator.api.asset.Asset;
import dev.eider.operator.workerjob.NamespaceProfile;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A reused asset's partition keys are its base's, and only in a branch of that very base. */
class UpstreamViewsTest {

  final Map<String, Asset> branch = Map.of(
      "pack", asset("pack", "{ingest: {bluesky: {starterPack: {uri: 'at://x'}}}}", "bluesky"),
      "elsewhere", asset("elsewhere", "{ingest: {bluesky: {starterPack: {uri: 'at://x'}}}}", "payments"),
      "built", asset("built", "{ingest: {bluesky: {starterPack: {uri: 'at://x'}}}}", null));

  @Test
  void aReusedUpstreamPublishesItsBasesKeys() {
    NamespaceProfile ofBranch = NamespaceProfile.ofBranch(Map.of("eider.dev/base-namespace", "bluesky"));

    assertThat(UpstreamViews.publishedIn("eider-x", "pack", ofBranch, name -> Optional.ofNullable(branch.get(name)))).isEqualTo("bluesky");
    assertThat(UpstreamViews.publishedIn("eider-x", "built", ofBranch, name -> Optional.ofNullable(branch.get(name)))).isEqualTo("eider-x");
    assertThat(UpstreamViews.publishedIn("eider-x", "gone", ofBranch, name -> Optional.ofNullable(branch.get(name)))).isEqualTo("eider-x");
    // A mark naming another namespace than the branch's base reads nothing of it.
    assertThat(UpstreamViews.publishedIn("eider-x", "elsewhere", ofBranch, name -> Optional.ofNullable(branch.get(name))))
        .isEqualTo("eider-x");
    // Outside a branch the mark is ignored.
    assertThat(UpstreamViews.publishedIn("team", "pack", NamespaceProfile.NONE, name -> Optional.ofNullable(branch.get(name))))
        .isEqualTo("team");
  }
}
