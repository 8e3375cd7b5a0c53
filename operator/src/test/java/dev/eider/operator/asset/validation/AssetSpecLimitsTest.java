package dev.eider.operator.asset.validation;

import dev.eider.operator.platform.SpecProblem;
import static dev.eider.operator.asset.AssetSpecs.spec;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eider.operator.api.asset.AssetSpec;
import dev.eider.operator.api.asset.CheckSpec;
import dev.eider.operator.api.asset.DependencySpec;
import io.fabric8.kubernetes.api.model.EnvVar;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Keys an ingestion cannot read, images the kubelet cannot parse and oversized lists are refused with their field. */
class AssetSpecLimitsTest {

  final AssetSpecValidator validator = new AssetSpecValidator(Set.of());

  @Test
  void starterPackKeysMustBeStarterPackUris() {
    List<SpecProblem> problems = validate("""
        ingest: {bluesky: {starterPack: {}}}
        partitions:
          static:
            - at://did:plc:lc5jzrr425fyah724df3z5ik/app.bsky.graph.starterpack/3l7cddlz5ja24
            - at://alice.bsky.social/app.bsky.graph.starterpack/3l7cddlz5ja24
            - https://bsky.app/starter-pack/alice.bsky.social/3l7cddlz5ja24
            - ../../../../etc/passwd
            - at://did:plc:abc/app.bsky.feed.post/3l7cddlz5ja24
        """);
    assertThat(problems).extracting(SpecProblem::field)
        .containsExactly("spec.partitions.static[2]", "spec.partitions.static[3]", "spec.partitions.static[4]");
    assertThat(problems.get(0).message()).isEqualTo("'https://bsky.app/starter-pack/alice.bsky.social/3l7cddlz5ja24' is not an AT-URI "
        + "of a starter pack, at://<did or handle>/app.bsky.graph.starterpack/<rkey>");
  }

  @Test
  void authorFeedKeysMustBeDidsOrHandles() {
    List<SpecProblem> problems = validate("""
        ingest: {bluesky: {authorFeed: {}}}
        partitions: {static: ["did:plc:lc5jzrr425fyah724df3z5ik", "did:web:example.com", "alice.bsky.social",
          "https://evil.example/x", "../../../../etc/passwd", "did:key:z6Mk", "plainword"]}
        """);
    assertThat(problems).extracting(SpecProblem::field).containsExactly("spec.partitions.static[3]",
        "spec.partitions.static[4]", "spec.partitions.static[5]", "spec.partitions.static[6]");
    assertThat(problems.get(1).message()).isEqualTo("'../../../../etc/passwd' is not a DID (did:plc:..., did:web:...) or a handle such as alice.bsky.social");
  }

  @Test
  void newlinesAndHugeKeysAreRefusedEvenForTransforms() {
    AssetSpec spec = spec("transform: {models: [t]}\npartitions: {static: [ok-key, \"2025-01-01\"]}");
    assertThat(validator.validate("t", spec, Map.of("t", spec))).isEmpty();

    spec.getPartitions().setStaticKeys(List.of("fine", "two\nlines", "x".repeat(4096), "tab\there"));
    List<SpecProblem> problems = validator.validate("t", spec, Map.of("t", spec));
    assertThat(problems).extracting(SpecProblem::toString).containsExactly(
        "spec.partitions.static[1]: 'two\\u000alines' contains the non-printable character U+000A",
        "spec.partitions.static[2]: a key of 4096 characters is longer than 256 ('" + "x".repeat(80) + "...')",
        "spec.partitions.static[3]: 'tab\\u0009here' contains the non-printable character U+0009");
  }

  @Test
  void workerImageMustBeAReference() {
    for (String good : List.of("ghcr.io/eider/worker:0.1.0", "worker", "localhost:5000/eider/worker@sha256:" + "a".repeat(64),
        "eider.test/fake-worker")) {
      assertThat(validate("transform: {models: [t]}\nworker: {image: \"" + good + "\"}")).as(good).isEmpty();
    }
    assertThat(validate("transform: {models: [t]}\nworker: {image: \"::::not an image::::\"}")).containsExactly(new SpecProblem(
        "spec.worker.image", "'::::not an image::::' is not an image reference: invalid reference format (expected [registry/]repository[:tag][@digest])"));
    assertThat(validate("transform: {models: [t]}\nworker: {image: \"Eider/Worker\"}")).extracting(SpecProblem::message)
        .containsExactly("'Eider/Worker' is not an image reference: repository name must be lowercase");
  }

  @Test
  void listsLongerThanTheCrdAllowsAreRefused() {
    AssetSpec spec = spec("transform: {models: [t]}\nworker: {}");
    spec.getWorker().setEnv(IntStream.range(0, 100).mapToObj(i -> new EnvVar("V" + i, "x", null)).toList());
    spec.setChecks(new ArrayList<>(IntStream.range(0, 100).mapToObj(i -> check("c" + i)).toList()));
    assertThat(validator.validate("t", spec, Map.of("t", spec))).isEmpty();

    spec.getWorker().setEnv(IntStream.range(0, 101).mapToObj(i -> new EnvVar("V" + i, "x", null)).toList());
    spec.setChecks(new ArrayList<>(IntStream.range(0, 101).mapToObj(i -> check("c" + i)).toList()));
    DependencySpec dep = new DependencySpec();
    dep.setAsset("t");
    spec.setDeps(new ArrayList<>(java.util.Collections.nCopies(101, dep)));
    spec.setPartitions(spec("transform: {models: [t]}\npartitions: {static: [a]}").getPartitions());
    spec.getPartitions().setStaticKeys(IntStream.range(0, 10_001).mapToObj(i -> "k" + i).toList());
    assertThat(validator.validate("t", spec, Map.of("t", spec))).extracting(SpecProblem::toString).contains(
        "spec.deps: has 101 entries, more than the 100 allowed",
        "spec.checks: has 101 entries, more than the 100 allowed",
        "spec.partitions.static: has 10001 entries, more than the 10000 allowed",
        "spec.worker.env: has 101 entries, more than the 100 allowed");
  }

  @Test
  void resourceMapsLongerThanTheCrdAllowsAreRefused() {
    String sixteen = IntStream.range(0, 16).mapToObj(i -> "example.com/r" + i + ": \"1\"").collect(java.util.stream.Collectors.joining(", "));
    assertThat(validate("transform: {models: [t]}\nworker: {resources: {limits: {" + sixteen + "}}}")).isEmpty();

    assertThat(validate("transform: {models: [t]}\nworker: {resources: {limits: {" + sixteen + ", cpu: \"1\"}, requests: {cpu: \"1\"}}}"))
        .extracting(SpecProblem::toString).containsExactly("spec.worker.resources.limits: has 17 entries, more than the 16 allowed");
  }

  private static CheckSpec check(String name) {
    CheckSpec check = new CheckSpec();
    check.setName(name);
    check.setType(CheckSpec.Type.ROW_COUNT);
    check.setMin(1L);
    return check;
  }

  private List<SpecProblem> validate(String yaml) {
    AssetSpec spec = spec(yaml);
    return validator.validate("a", spec, Map.of("a", spec));
  }
}
