package dev.eider.operator.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eider.operator.workerjob.NamespaceProfile;
import dev.eider.operator.platform.TestEiderConfig;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Where each kind of namespace writes: production only by the admin's choice, every other namespace apart. */
class NamespaceStorageTest {

  static final String S3_PRODUCTION = "s3://eider/raw/warehouse/eider.duckdb";
  final NamespaceStorage storage = new NamespaceStorage(List.of("bluesky"), "raw", "eider", S3_PRODUCTION);

  @Test
  void aNamespaceTheConfigurationNamesWritesProduction() {
    NamespaceStorage.Placement placement = storage.place("bluesky", Optional.of(namespace("bluesky", Map.of(), Map.of())));
    assertThat(placement.kind()).isEqualTo(NamespaceStorage.Kind.PRODUCTION);
    assertThat(placement.profile()).contains(NamespaceProfile.NONE);
  }

  @Test
  void aNamespaceLabelledProductionWritesProduction() {
    NamespaceStorage.Placement placement = storage.place("analytics",
        Optional.of(namespace("analytics", Map.of(NamespaceStorage.PRODUCTION_LABEL, "true"), Map.of())));
    assertThat(placement.kind()).isEqualTo(NamespaceStorage.Kind.PRODUCTION);
    assertThat(placement.profile()).contains(NamespaceProfile.NONE);
    // Any other value is not an opt-in.
    assertThat(storage.place("analytics", Optional.of(namespace("analytics", Map.of(NamespaceStorage.PRODUCTION_LABEL, "yes"), Map.of())))
        .kind()).isEqualTo(NamespaceStorage.Kind.ISOLATED);
  }

  @Test
  void aPlainNamespaceGetsItsOwnPrefixAndWarehouse() {
    NamespaceStorage.Placement placement = storage.place("team-a", Optional.of(namespace("team-a", Map.of(), Map.of())));
    assertThat(placement.kind()).isEqualTo(NamespaceStorage.Kind.ISOLATED);
    NamespaceProfile profile = placement.profile().orElseThrow();
    assertThat(profile.objectPrefix()).contains("raw/namespaces/team-a");
    assertThat(profile.rawPrefix()).contains("raw/namespaces/team-a");
    assertThat(profile.warehouse()).contains("s3://eider/raw/namespaces/team-a/warehouse.duckdb");
  }

  @Test
  void isolatedWarehousesFollowTheKindOfProduction() {
    NamespaceStorage motherDuck = new NamespaceStorage(List.of(), "raw", "eider", "md:eider_prod");
    assertThat(motherDuck.place("team-a", Optional.of(namespace("team-a", Map.of(), Map.of()))).profile().orElseThrow().warehouse())
        .contains("md:eider_prod_ns_team_a");
    NamespaceStorage file = new NamespaceStorage(List.of(), "/raw/", "eider", "/var/lib/eider/eider.duckdb");
    NamespaceProfile profile = file.place("team-a", Optional.of(namespace("team-a", Map.of(), Map.of()))).profile().orElseThrow();
    assertThat(profile.warehouse()).contains("/var/lib/eider/eider_ns_team-a.duckdb");
    assertThat(profile.objectPrefix()).contains("raw/namespaces/team-a");
    NamespaceStorage noPrefix = new NamespaceStorage(List.of(), "", "lake", S3_PRODUCTION);
    assertThat(noPrefix.place("team-a", Optional.of(namespace("team-a", Map.of(), Map.of()))).profile().orElseThrow().warehouse())
        .contains("s3://lake/namespaces/team-a/warehouse.duckdb");
  }

  @Test
  void aLongNamespaceIsCutToMotherDucksLimitAndKeptApartByAHash() {
    String longName = "a".repeat(30) + "-" + "b".repeat(32);
    String name = NamespaceStorage.motherDuckName("eider_prod", longName, 63);
    assertThat(name).hasSize(63).startsWith("eider_prod_ns_aaaa").matches("[a-z0-9_]+_[0-9a-f]{8}");
    assertThat(NamespaceStorage.motherDuckName("eider_prod", longName.replace('b', 'c'), 63)).isNotEqualTo(name);
  }

  @Test
  void namespacesNeverShareAPrefixOrAWarehouseWithEachOtherProductionOrBranches() {
    NamespaceProfile a = storage.place("a", Optional.of(namespace("a", Map.of(), Map.of()))).profile().orElseThrow();
    NamespaceProfile branchesNamed = storage.place("branches", Optional.of(namespace("branches", Map.of(), Map.of()))).profile().orElseThrow();
    assertThat(a.objectPrefix()).contains("raw/namespaces/a");
    // A namespace called "branches" is still under namespaces/, never a branch's raw/branches/<slug>-<hash>.
    assertThat(branchesNamed.objectPrefix()).contains("raw/namespaces/branches");
    assertThat(branchesNamed.warehouse()).contains("s3://eider/raw/namespaces/branches/warehouse.duckdb");
    NamespaceStorage motherDuck = new NamespaceStorage(List.of(), "raw", "eider", "md:eider");
    // A namespace named like a branch's staging database still gets the _ns_ infix, never <db>_br_...
    assertThat(motherDuck.place("br-x-1a2b3c4d", Optional.of(namespace("br-x-1a2b3c4d", Map.of(), Map.of()))).profile()
        .orElseThrow().warehouse()).contains("md:eider_ns_br_x_1a2b3c4d");
  }

  @Test
  void aBranchNamespaceWritesWhatItsAnnotationsSay() {
    Map<String, String> annotations = Map.of(NamespaceProfile.WAREHOUSE, "s3://eider/raw/warehouse/eider_br_x_1a2b3c4d.duckdb",
        NamespaceProfile.OBJECT_PREFIX, "raw/branches/x-1a2b3c4d", NamespaceProfile.RAW_PREFIX, "raw");
    // Even when an admin also listed or labelled it production, a branch namespace stays a branch.
    Namespace branch = namespace("bluesky", Map.of(NamespaceStorage.BRANCH_LABEL, "x", NamespaceStorage.PRODUCTION_LABEL, "true"), annotations);
    NamespaceStorage.Placement placement = storage.place("bluesky", Optional.of(branch));
    assertThat(placement.kind()).isEqualTo(NamespaceStorage.Kind.BRANCH);
    assertThat(placement.profile().orElseThrow().objectPrefix()).contains("raw/branches/x-1a2b3c4d");
    assertThat(placement.profile().orElseThrow().warehouse()).contains("s3://eider/raw/warehouse/eider_br_x_1a2b3c4d.duckdb");
  }

  @Test
  void aNamespaceOutOfTheCacheOrABranchWithoutItsAnnotationsIsNotPlaced() {
    NamespaceStorage.Placement missing = storage.place("bluesky", Optional.empty());
    assertThat(missing.kind()).isEqualTo(NamespaceStorage.Kind.UNRESOLVED);
    assertThat(missing.profile()).isEmpty();
    assertThat(missing.reason()).contains("not in the operator's namespace cache");
    NamespaceStorage.Placement bare = storage.place("eider-x-1a2b3c4d",
        Optional.of(namespace("eider-x-1a2b3c4d", Map.of(NamespaceStorage.BRANCH_LABEL, "x"), Map.of())));
    assertThat(bare.kind()).isEqualTo(NamespaceStorage.Kind.UNRESOLVED);
    assertThat(bare.profile()).isEmpty();
    assertThat(storage.place("Not_A_Label", Optional.of(namespace("Not_A_Label", Map.of(), Map.of()))).profile()).isEmpty();
  }

  @Test
  void aBranchReadsItsBasesRawPrefix() {
    assertThat(storage.rawPrefixOf("bluesky", Optional.of(namespace("bluesky", Map.of(), Map.of())))).contains("raw");
    assertThat(storage.rawPrefixOf("team-a", Optional.of(namespace("team-a", Map.of(), Map.of())))).contains("raw/namespaces/team-a");
    assertThat(storage.rawPrefixOf("team-a", Optional.empty())).isEmpty();
  }

  @Test
  void theOperatorConfigurationListsProductionNamespaces() {
    TestEiderConfig config = new TestEiderConfig();
    config.production.namespaces = Optional.of(List.of(" bluesky ", ""));
    NamespaceStorage configured = new NamespaceStorage(config);
    assertThat(configured.place("bluesky", Optional.of(namespace("bluesky", Map.of(), Map.of()))).kind())
        .isEqualTo(NamespaceStorage.Kind.PRODUCTION);
    assertThat(configured.place("other", Optional.of(namespace("other", Map.of(), Map.of()))).profile().orElseThrow().warehouse())
        .contains("s3://eider/raw/namespaces/other/warehouse.duckdb");
  }

  static Namespace namespace(String name, Map<String, String> labels, Map<String, String> annotations) {
    return new NamespaceBuilder().withNewMetadata().withName(name).withLabels(labels).withAnnotations(annotations).endMetadata().build();
  }
}
