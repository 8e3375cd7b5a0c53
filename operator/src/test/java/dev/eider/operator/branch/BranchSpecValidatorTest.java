package dev.eider.operator.branch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eider.operator.api.branch.BranchDeployment;
import dev.eider.operator.platform.SpecProblem;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BranchSpecValidatorTest {

  final BranchSpecValidator validator = new BranchSpecValidator(Set.of("eider-storage", "motherduck"), List.of("eider-branch-storage"));

  /** Production's credentials would let a branch's unreviewed code write production: listing them is refused, not skipped. */
  @Test
  void productionsCredentialSecretsAreRefusedByName() {
    BranchDeployment bad = BranchFixtures.of(BranchFixtures.SAMPLE
        .replace("secrets: [bluesky-credentials, r2-readonly, bluesky-credentials]", "secrets: [bluesky-credentials, eider-storage, motherduck]"));
    assertThat(validator.validate(bad.getSpec(), BranchNames.of("feature/top-links"))).containsExactly(
        new SpecProblem("spec.secrets[1]", "'eider-storage' holds production's credentials and is never copied into a branch;"
            + " branch runs use eider-branch-storage from the base namespace instead (eider.branch.storage-credentials-secret),"
            + " so remove it from the list"),
        new SpecProblem("spec.secrets[2]", "'motherduck' holds production's credentials and is never copied into a branch;"
            + " branch runs use eider-branch-storage from the base namespace instead (eider.branch.storage-credentials-secret),"
            + " so remove it from the list"));
  }

  @Test
  void theSampleIsValid() {
    BranchDeployment sample = BranchFixtures.sample();
    assertThat(validator.validate(sample.getSpec(), BranchNames.of(sample.getSpec().getBranch()))).isEmpty();
  }

  @Test
  void everyProblemIsReportedWithItsField() {
    String names = BranchNames.of("feature/top-links").namespace();
    BranchDeployment bad = BranchFixtures.of(BranchFixtures.SAMPLE
        .replace("baseNamespace: bluesky", "baseNamespace: " + names)
        .replace("ttl: 72h", "ttl: 0s")
        .replace("secrets: [bluesky-credentials, r2-readonly, bluesky-credentials]", "secrets: [Bad_Name]")
        .replace("access: {groups: [data-team], users: [alice@example.com]}", "access: {groups: [\"\"]}")
        .replace("assets: {from: base, selector: {}}", "assets: {from: base, selector: {matchExpressions: [{key: a, operator: In}]}}")
        .replace("image: ghcr.io/acme/worker:3f9c2ab", "image: \" \""));
    assertThat(validator.validate(bad.getSpec(), BranchNames.of("feature/top-links"))).containsExactly(
        new SpecProblem("spec.baseNamespace", "is the branch's own namespace " + names),
        new SpecProblem("spec.ttl", "'0s' is not a positive duration such as 72h"),
        new SpecProblem("spec.secrets[0]", "'Bad_Name' is not a Secret name"),
        new SpecProblem("spec.access.groups[0]", "must not be empty"),
        new SpecProblem("spec.assets.selector.matchExpressions[0].values", "In needs at least one value"),
        new SpecProblem("spec.overrides.image", "must not be blank; omit it to keep each asset's image"));
  }

  @Test
  void hostileBranchNamesSubjectsTtlAndImageAreRefused() {
    BranchDeployment bad = BranchFixtures.of(BranchFixtures.SAMPLE
        .replace("ttl: 72h", "ttl: 99999999999999d")
        .replace("access: {groups: [data-team], users: [alice@example.com]}",
            "access: {groups: [\"system:authenticated\", data-team], users: [\"system:serviceaccount:kube-system:default\", \"bob\\u0000\"]}")
        .replace("image: ghcr.io/acme/worker:3f9c2ab", "image: \"ghcr.io/acme/worker:x; rm -rf /\""));
    String branch = "feature/\u202etxt.exe\nx";
    bad.getSpec().setBranch(branch);
    assertThat(validator.validate(bad.getSpec(), BranchNames.of(branch))).extracting(SpecProblem::field).containsExactly(
        "spec.branch", "spec.ttl", "spec.access.groups[0]", "spec.access.users[0]",
        "spec.access.users[1]", "spec.overrides.image");
    assertThat(validator.validate(bad.getSpec(), BranchNames.of(branch))).first().extracting(SpecProblem::message)
        .isEqualTo("contains U+202E: a git branch name has no control, format or separator characters");
  }

  @Test
  void hugeListsOfSecretsUsersAndGroupsAreRefused() {
    BranchDeployment bad = BranchFixtures.sample();
    bad.getSpec().setSecrets(java.util.Collections.nCopies(101, "s"));
    bad.getSpec().getAccess().setUsers(java.util.Collections.nCopies(10_000, "u"));
    assertThat(validator.validate(bad.getSpec(), BranchNames.of(bad.getSpec().getBranch()))).extracting(SpecProblem::field)
        .containsExactly("spec.secrets", "spec.access.users");
  }
}
