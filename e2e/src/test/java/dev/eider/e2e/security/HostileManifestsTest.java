package dev.eider.e2e.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eider.e2e.local.OperatorProcess;
import dev.eider.e2e.support.AssetFixtures;
import dev.eider.e2e.support.EiderOperator;
import dev.eider.e2e.support.TestCluster;
import dev.eider.operator.branch.BranchNames;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * The hostile corpus ({@code src/test/resources/hostile/}, one manifest per file, see its README)
 * applied on a real control plane next to one valid asset, with the operator running as a process.
 * Each manifest is refused by the API server with the expected message, or accepted and reported
 * {@code Ready=False} reason {@code InvalidSpec} naming the field, and nothing runs for it; the
 * operator stays up, does not reconcile the refused ones in a loop, and the valid asset keeps
 * materializing. Known gaps stay in the corpus and are printed: for them the operator must stay up.
 */
class HostileManifestsTest {

  private static final Pattern EXPECT = Pattern.compile("^# expect: (schema|InvalidSpec|known-gap|pruned|accepted) (.+)$", Pattern.MULTILINE);
  private static final String BASE_LABEL = "eider.dev/branch-base";
  private static final String BRANCH_LABEL = "eider.dev/branch-deployment";

  private final TestCluster cluster = TestCluster.get();

  /** One manifest of the corpus and what it must come to. */
  record Case(String file, String kind, String name, String expect, String detail, String yaml) {
    boolean asset() {
      return "Asset".equals(kind);
    }
  }

  @Test
  void everyHostileManifestIsRefusedNamingItsFieldAndTheValidAssetKeepsRunning() throws Exception {
    KubernetesClient client = cluster.client();
    String namespace = cluster.newNamespace("hostile");
    // The test namespace may be a branch's base, so a branch below is refused for the field it attacks, not its base.
    client.namespaces().withName(namespace).edit(ns -> new NamespaceBuilder(ns).editMetadata().addToLabels(BASE_LABEL, "true").endMetadata().build());
    EiderOperator eider = EiderOperator.forNamespace(cluster, namespace);
    AssetFixtures assets = new AssetFixtures(client, namespace);
    Path ledger = eider.dir().resolve("ledger");
    List<Case> corpus = corpus(namespace);
    assertThat(corpus).hasSizeGreaterThanOrEqualTo(60);

    try (OperatorProcess operator = eider.start()) {
      // Positive control: the operator reconciles and runs Jobs before any hostile input arrives.
      assets.create("""
          apiVersion: eider.dev/v1alpha1
          kind: Asset
          metadata: {name: valid}
          spec:
            ingest: {bluesky: {authorFeed: {actor: "did:plc:ok"}}}
            automation: {onMissing: true}
            worker:
              env: [{name: FAKE_LEDGER, value: "%s"}]
          """.formatted(ledger));
      assets.awaitCondition("valid", "Ready", "True", Duration.ofSeconds(90));
      assertThat(AssetFixtures.runsEnded(ledger)).isEqualTo(1);

      SoftAssertions softly = new SoftAssertions();
      Map<Case, String> refusals = new LinkedHashMap<>();
      List<Case> accepted = new ArrayList<>();
      for (Case c : corpus) {
        Optional<String> refusal = apply(client, namespace, c);
        refusal.ifPresent(message -> refusals.put(c, message));
        if (refusal.isEmpty()) {
          accepted.add(c);
        }
        switch (c.expect()) {
          case "schema" -> softly.assertThat(refusal).as(c.file() + ": refused by the API server").isPresent()
              .hasValueSatisfying(message -> assertThat(message).as(c.file()).contains(c.detail()));
          case "InvalidSpec", "pruned", "accepted" -> softly.assertThat(refusal).as(c.file() + ": accepted by the API server").isEmpty();
          default -> { }
        }
      }
      softly.assertAll();

      List<Case> invalid = accepted.stream().filter(c -> c.expect().equals("InvalidSpec")).toList();
      await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
        SoftAssertions ready = new SoftAssertions();
        for (Case c : invalid) {
          Optional<Map<String, Object>> condition = readyCondition(client, namespace, c);
          ready.assertThat(condition).as(c.file() + ": Ready").isPresent();
          condition.ifPresent(found -> {
            ready.assertThat(found.get("status")).as(c.file()).isEqualTo("False");
            ready.assertThat(found.get("reason")).as(c.file()).isEqualTo("InvalidSpec");
            ready.assertThat(String.valueOf(found.get("message"))).as(c.file()).contains(c.detail());
          });
        }
        ready.assertAll();
      });
      for (Case c : accepted.stream().filter(c -> c.expect().equals("pruned")).toList()) {
        assertThat(field(client.genericKubernetesResources("eider.dev/v1alpha1", c.kind()).inNamespace(namespace).withName(c.name()).get(),
            c.detail())).as(c.file() + ": " + c.detail() + " dropped by the schema").isNull();
      }

      // Not in a loop. While the valid asset materializes again, the refused assets that read it are
      // woken by each of its status changes (a handful per run); then, in a quiet window, none is
      // reconciled again: nothing retries an invalid spec.
      Map<String, Long> reportsBefore = invalidReports(operator, namespace, invalid);
      double reconcilesBefore = reconciles(operator);
      assets.annotate("valid", "eider.dev/materialize", "after-hostile-corpus");
      await().atMost(Duration.ofSeconds(60)).until(() -> AssetFixtures.runsEnded(ledger) == 2);
      assets.awaitCondition("valid", "Ready", "True", Duration.ofSeconds(30));
      await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4)).until(() -> true);
      Map<String, Long> reportsAfterRun = invalidReports(operator, namespace, invalid);
      double reconcilesAfterRun = reconciles(operator);
      await().pollDelay(Duration.ofSeconds(10)).atMost(Duration.ofSeconds(11)).until(() -> true);
      Map<String, Long> reportsAfterQuiet = invalidReports(operator, namespace, invalid);
      double reconcilesAfterQuiet = reconciles(operator);
      long duringRun = 0;
      long duringQuiet = 0;
      for (Case c : invalid) {
        long run = reportsAfterRun.get(c.name()) - reportsBefore.get(c.name());
        long quiet = reportsAfterQuiet.get(c.name()) - reportsAfterRun.get(c.name());
        duringRun += run;
        duringQuiet += quiet;
        assertThat(run).as(c.file() + ": reports of its invalid spec while the valid asset ran").isLessThanOrEqualTo(8);
        assertThat(quiet).as(c.file() + ": reports of its invalid spec in a quiet window").isLessThanOrEqualTo(1);
      }
      long assetsAccepted = accepted.stream().filter(Case::asset).count() + 1;
      System.out.printf("hostile corpus: %d manifests, %d refused by the API server, %d accepted (%d InvalidSpec); invalid-spec reports: "
              + "%d while the valid asset ran again, %d in a 10 s quiet window; eider_asset_reconcile_seconds_count +%.0f and +%.0f (%d assets)%n",
          corpus.size(), refusals.size(), accepted.size(), invalid.size(), duringRun, duringQuiet,
          reconcilesAfterRun - reconcilesBefore, reconcilesAfterQuiet - reconcilesAfterRun, assetsAccepted);
      assertThat(reconcilesAfterQuiet - reconcilesAfterRun).as("asset reconciles in the quiet window").isLessThanOrEqualTo(assetsAccepted);

      // Nothing ran for them: the only asset Jobs are the valid asset's two runs.
      List<Job> jobs = client.batch().v1().jobs().inNamespace(namespace).withLabel("eider.dev/asset").list().getItems();
      assertThat(jobs).extracting(job -> job.getMetadata().getLabels().get("eider.dev/asset")).containsOnly("valid").hasSize(2);
      for (Case c : invalid.stream().filter(c -> !c.asset()).toList()) {
        assertThat(client.namespaces().withLabel(BRANCH_LABEL, c.name()).list().getItems()).as(c.file() + ": no branch namespace").isEmpty();
      }
      for (Case c : accepted.stream().filter(c -> c.expect().equals("accepted")).toList()) {
        await().atMost(Duration.ofSeconds(30)).until(() -> readyCondition(client, namespace, c).isPresent());
        assertThat(readyCondition(client, namespace, c).orElseThrow().get("reason")).as(c.file()).isNotEqualTo("InvalidSpec");
      }
      for (Case c : corpus.stream().filter(c -> c.expect().equals("known-gap")).toList()) {
        System.out.printf("KNOWN GAP %s (%s): %s%n", c.file(), c.detail(), refusals.containsKey(c) ? "refused: " + refusals.get(c)
            : "accepted, Ready=" + readyCondition(client, namespace, c).map(Object::toString).orElse("none yet")
            + (c.asset() ? "" : ", conditions=" + conditions(client, c)));
      }
      assertThat(operator.alive()).as("the operator survived the corpus").isTrue();
      assertThat(operator.log()).doesNotContain("OutOfMemoryError").doesNotContain("StackOverflowError");
      // Torn down while the operator runs, so their finalizers are released.
      branches(client, namespace).delete();
      await().atMost(Duration.ofSeconds(60)).until(() -> branches(client, namespace).list().getItems().isEmpty());
    } finally {
      branches(client, namespace).delete();
    }
  }

  private static FilterWatchListDeletable<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> branches(
      KubernetesClient client, String namespace) {
    return client.genericKubernetesResources("eider.dev/v1alpha1", "BranchDeployment").withLabel(EiderOperator.OWNER_LABEL, namespace);
  }

  /** The API server's refusal, or empty when it stored the manifest. */
  private static Optional<String> apply(KubernetesClient client, String namespace, Case c) {
    GenericKubernetesResource resource = Serialization.unmarshal(c.yaml(), GenericKubernetesResource.class);
    try {
      if (c.asset()) {
        resource.getMetadata().setNamespace(namespace);
        client.resource(resource).inNamespace(namespace).create();
      } else {
        resource.getMetadata().setLabels(Map.of(EiderOperator.OWNER_LABEL, namespace));
        client.resource(resource).create();
      }
      return Optional.empty();
    } catch (KubernetesClientException e) {
      return Optional.of(e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : e.getMessage());
    }
  }

  @SuppressWarnings("unchecked")
  private static Optional<Map<String, Object>> readyCondition(KubernetesClient client, String namespace, Case c) {
    var resources = client.genericKubernetesResources("eider.dev/v1alpha1", c.kind());
    GenericKubernetesResource resource = c.asset() ? resources.inNamespace(namespace).withName(c.name()).get() : resources.withName(c.name()).get();
    Object conditions = resource == null ? null : field(resource, "status.conditions");
    if (!(conditions instanceof List<?> list)) {
      return Optional.empty();
    }
    return list.stream().map(item -> (Map<String, Object>) item).filter(condition -> "Ready".equals(condition.get("type"))).findFirst();
  }

  private static Object conditions(KubernetesClient client, Case c) {
    GenericKubernetesResource resource = client.genericKubernetesResources("eider.dev/v1alpha1", c.kind()).withName(c.name()).get();
    return resource == null ? null : field(resource, "status.conditions");
  }

  /** The value at a path such as {@code spec.worker.envFrom[0].secretRef.namespace}, or null. */
  private static Object field(GenericKubernetesResource resource, String path) {
    Object node = Map.of("spec", resource.getAdditionalProperties().getOrDefault("spec", Map.of()),
        "status", resource.getAdditionalProperties().getOrDefault("status", Map.of()));
    for (String part : path.split("\\.")) {
      Matcher indexed = Pattern.compile("(\\w+)\\[(\\d+)]").matcher(part);
      String key = indexed.matches() ? indexed.group(1) : part;
      node = node instanceof Map<?, ?> map ? map.get(key) : null;
      if (indexed.matches()) {
        int index = Integer.parseInt(indexed.group(2));
        node = node instanceof List<?> list && list.size() > index ? list.get(index) : null;
      }
    }
    return node;
  }

  private static Map<String, Long> invalidReports(OperatorProcess operator, String namespace, List<Case> invalid) {
    List<String> lines = operator.log().lines().filter(line -> line.contains("has an invalid spec")).toList();
    return invalid.stream().collect(Collectors.toMap(Case::name, c -> {
      String marker = c.asset() ? "asset " + namespace + "/" + c.name() + " has an invalid spec" : "branch deployment " + c.name() + " has an invalid spec";
      return lines.stream().filter(line -> line.contains(marker)).count();
    }));
  }

  private static double reconciles(OperatorProcess operator) {
    Matcher count = Pattern.compile("(?m)^eider_asset_reconcile_seconds_count(?:\\{[^}]*})? ([0-9.eE+]+)$").matcher(operator.metrics());
    return count.find() ? Double.parseDouble(count.group(1)) : 0;
  }

  private static List<Case> corpus(String namespace) throws IOException, URISyntaxException {
    Path dir = Path.of(HostileManifestsTest.class.getResource("/hostile").toURI());
    List<Case> cases = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(path -> path.toString().endsWith(".yaml")).sorted().toList()) {
        String text = expand(Files.readString(file, StandardCharsets.UTF_8), namespace);
        Matcher expect = EXPECT.matcher(text);
        if (!expect.find()) {
          throw new IllegalStateException(file.getFileName() + " has no '# expect:' line");
        }
        GenericKubernetesResource resource = Serialization.unmarshal(text, GenericKubernetesResource.class);
        cases.add(new Case(file.getFileName().toString(), resource.getKind(), resource.getMetadata().getName(), expect.group(1),
            expect.group(2).strip(), text));
      }
    }
    return cases;
  }

  /**
   * Placeholders, so the corpus stays readable: {@code ${NAMESPACE}}, {@code ${BRANCH_NS:branch}} (the namespace
   * a branch gets), {@code ${STR:count:text}} (text repeated), {@code ${SEQ:count:item}} (items joined by
   * commas, {@code {i}} numbered from 0).
   */
  static String expand(String text, String namespace) {
    StringBuilder out = new StringBuilder();
    int at = 0;
    while (true) {
      int start = text.indexOf("${", at);
      if (start < 0) {
        return out.append(text.substring(at)).toString();
      }
      int depth = 1;
      int end = start + 2;
      while (depth > 0) {
        char c = text.charAt(end++);
        depth += c == '{' ? 1 : c == '}' ? -1 : 0;
      }
      String body = text.substring(start + 2, end - 1);
      out.append(text, at, start).append(placeholder(body, namespace));
      at = end;
    }
  }

  private static String placeholder(String body, String namespace) {
    if (body.equals("NAMESPACE")) {
      return namespace;
    }
    String[] parts = body.split(":", 3);
    return switch (parts[0]) {
      case "BRANCH_NS" -> BranchNames.of(body.substring("BRANCH_NS:".length())).namespace();
      case "STR" -> parts[2].repeat(Integer.parseInt(parts[1]));
      case "SEQ" -> Stream.iterate(0, i -> i + 1).limit(Integer.parseInt(parts[1]))
          .map(i -> parts[2].replace("{i}", Integer.toString(i))).collect(Collectors.joining(", "));
      default -> throw new IllegalArgumentException("unknown placeholder ${" + body + "}");
    };
  }
}
