package dev.eider.operator.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eider.operator.api.asset.Asset;
import dev.eider.operator.api.asset.AssetSpec;
import dev.eider.operator.api.asset.AssetStatus;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class UpdateControlsTest {

  static final Instant NOW = Instant.parse("2025-03-10T12:00:00Z");
  static final Duration MAX = Duration.ofMinutes(10);

  @Test
  void wakesJustAfterTheEarliestTimeAndNeverLaterThanTheMaximum() {
    assertThat(UpdateControls.wakeAfter(NOW, Stream.of(NOW.plusSeconds(90), NOW.plusSeconds(30)), MAX)).isEqualTo(Duration.ofMillis(30_500));
    assertThat(UpdateControls.wakeAfter(NOW, Stream.of(NOW.plus(Duration.ofHours(2))), MAX)).isEqualTo(MAX);
    assertThat(UpdateControls.wakeAfter(NOW, Stream.empty(), MAX)).isEqualTo(MAX);
    // A time just passed still wakes at once rather than after the maximum.
    assertThat(UpdateControls.wakeAfter(NOW, Stream.of(NOW.minusSeconds(2)), MAX)).isEqualTo(Duration.ofMillis(-1500));
    assertThat(UpdateControls.ahead(NOW, NOW.minusMillis(500))).isTrue();
    assertThat(UpdateControls.ahead(NOW, NOW.minusMillis(501))).isFalse();
  }

  @Test
  void patchesOnlyAChangedStatusOnAFreshObject() {
    Asset asset = new Asset();
    asset.setMetadata(new ObjectMetaBuilder().withName("feeds").withNamespace("bluesky").withResourceVersion("7")
        .addToLabels("team", "data").build());
    asset.setSpec(new AssetSpec());
    AssetStatus previous = new AssetStatus();
    previous.setObservedGeneration(1L);
    AssetStatus same = new AssetStatus();
    same.setObservedGeneration(1L);
    AssetStatus changed = new AssetStatus();
    changed.setObservedGeneration(2L);

    assertThat(UpdateControls.statusUpdate(asset, previous, same, Asset::new).isPatchStatus()).isFalse();
    UpdateControl<Asset> patch = UpdateControls.statusUpdate(asset, previous, changed, Asset::new);
    assertThat(patch.isPatchStatus()).isTrue();
    Asset sent = patch.getResource().orElseThrow();
    assertThat(sent.getSpec()).as("never the spec").isNull();
    assertThat(sent.getMetadata().getName()).isEqualTo("feeds");
    assertThat(sent.getMetadata().getNamespace()).isEqualTo("bluesky");
    assertThat(sent.getMetadata().getLabels()).isNullOrEmpty();
    assertThat(sent.getStatus().getObservedGeneration()).isEqualTo(2L);
  }
}
