package dev.eider.operator.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eider.operator.api.asset.Asset;
import dev.eider.operator.warehouse.NamespaceStorage;
import dev.eider.operator.workerjob.NamespaceProfile;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class NamespaceProfilesTest {

  final NamespaceStorage storage = new NamespaceStorage(List.of("bluesky"), "raw", "eider", "s3://eider/raw/warehouse/eider.duckdb");

  @Test
  void aNamespaceNotInTheCacheIsNotPlacedNotEvenAsTheDefaults() {
    NamespaceProfiles profiles = new NamespaceProfiles(storage);

    NamespaceStorage.Placement unknown = profiles.of("bluesky");

    assertThat(unknown.kind()).isEqualTo(NamespaceStorage.Kind.UNRESOLVED);
    assertThat(unknown.profile()).as("runs wait: no profile at all").isEmpty();
    assertThat(unknown.reason()).contains("bluesky").contains("not in the operator's namespace cache");
    // Positive control: the same namespace, once seen, is production (listed in the configuration).
    NamespaceStorage.Placement known = storage.place("bluesky", Optional.of(namespace("bluesky", null, null)));
    assertThat(known.kind()).isEqualTo(NamespaceStorage.Kind.PRODUCTION);
    assertThat(known.profile()).contains(NamespaceProfile.NONE);
  }

  @Test
  void aLabelOrAnnotationChangeWakesTheNamespaceButNothingElseDoes() {
    Namespace before = namespace("eider-fix-1a2b3c4d", "eider.dev/branch-deployment", null);
    Namespace annotated = namespace("eider-fix-1a2b3c4d", "eider.dev/branch-deployment", "s3://eider/raw/branches/fix.duckdb");
    Namespace relabelled = namespace("eider-fix-1a2b3c4d", "eider.dev/production", null);
    Namespace onlyStatus = new NamespaceBuilder(before).editMetadata().withResourceVersion("99").endMetadata()
        .withNewStatus().withPhase("Terminating").endStatus().build();

    assertThat(NamespaceProfiles.placementChanged(annotated, before)).isTrue();
    assertThat(NamespaceProfiles.placementChanged(relabelled, before)).isTrue();
    assertThat(NamespaceProfiles.placementChanged(onlyStatus, before)).isFalse();
  }

  @Test
  void aNamespaceEventWakesEveryAssetInItAndNoOther() {
    Namespace namespace = namespace("eider-fix-1a2b3c4d", "eider.dev/branch-deployment", null);

    assertThat(NamespaceProfiles.primariesIn(namespace, name -> name.equals("eider-fix-1a2b3c4d")
        ? Stream.of(asset("feeds", name), asset("marts", name)) : Stream.of(asset("elsewhere", name))))
        .containsExactlyInAnyOrder(new ResourceID("feeds", "eider-fix-1a2b3c4d"), new ResourceID("marts", "eider-fix-1a2b3c4d"));
    assertThat(NamespaceProfiles.primariesIn(namespace, name -> Stream.<Asset>empty())).isEmpty();
  }

  static Namespace namespace(String name, String label, String warehouse) {
    ObjectMetaBuilder meta = new ObjectMetaBuilder().withName(name).withResourceVersion("1");
    if (label != null) {
      meta.addToLabels(label, "true");
    }
    if (warehouse != null) {
      meta.addToAnnotations(NamespaceProfile.WAREHOUSE, warehouse);
    }
    return new NamespaceBuilder().withMetadata(meta.build()).build();
  }

  static Asset asset(String name, String namespace) {
    Asset asset = new Asset();
    asset.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
    return asset;
  }
}
