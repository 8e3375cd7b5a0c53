package dev.eider.operator.workerjob;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where runs of a (branch) namespace write, read from its annotations. */
class NamespaceProfileTest {

  @Test
  void namespaceWithoutAnnotationsHasNoProfile() {
    assertThat(NamespaceProfile.fromAnnotations(null)).isEqualTo(NamespaceProfile.NONE);
    assertThat(NamespaceProfile.fromAnnotations(Map.of())).isEqualTo(NamespaceProfile.NONE);
  }

  @Test
  void branchAnnotationsAreRead() {
    NamespaceProfile profile = NamespaceProfile.fromAnnotations(Map.of(
        NamespaceProfile.WAREHOUSE, "md:branch_pr_7",
        NamespaceProfile.OBJECT_PREFIX, "branches/pr-7",
        NamespaceProfile.RAW_PREFIX, "raw",
        NamespaceProfile.PARTITION_LIMIT, " 20 ",
        NamespaceProfile.PROTECTED_DATABASES, "eider_prod"));

    assertThat(profile.warehouse()).contains("md:branch_pr_7");
    assertThat(profile.objectPrefix()).contains("branches/pr-7");
    assertThat(profile.rawPrefix()).contains("raw");
    assertThat(profile.partitionLimit()).hasValue(20);
    assertThat(profile.protectedDatabases()).contains("eider_prod");
  }

  @Test
  void partitionLimitThatIsNoCountIsIgnored() {
    for (String limit : new String[] {"-1", "ten", "1e3", "12345678901", ""}) {
      assertThat(NamespaceProfile.fromAnnotations(Map.of(NamespaceProfile.PARTITION_LIMIT, limit)).partitionLimit()).as(limit).isEmpty();
    }
  }
}
