package dev.eider.operator.asset.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.eider.contract.time.Durations;
import dev.eider.operator.api.asset.AssetSpec;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile specs the CRD schema lets through: each is refused naming its field, and the validator
 * never throws (an exception would make the reconcile retry forever instead of reporting).
 */
class HostileSpecTest {

  final AssetSpecValidator validator = new AssetSpecValidator(Set.of("ingestion"));

  @Test
  void durationsBeyondTenYearsOrALongAreNoDurations() {
    assertThat(Durations.parse("99999999999999999999h")).isEmpty();
    assertThat(Durations.parse("99999999999999d")).isEmpty();
    assertThat(Durations.parse("3651d")).isEmpty();
    assertThat(Durations.parse("3650d")).contains(Duration.ofDays(3650));
    assertThat(Durations.parse("000000000000000030s")).contains(Duration.ofSeconds(30));
  }

  @ParameterizedTest
  @ValueSource(strings = {"99999999999999999999h", "99999999999999d", "0s", "999ms"})
  void aTimeoutOutOfRangeIsRefused(String timeout) {
    assertThat(problems("ingest: {bluesky: {authorFeed: {actor: \"did:plc:x\"}}}\nworker: {timeout: \"" + timeout + "\"}"))
        .extracting(SpecProblem::field).containsExactly("spec.worker.timeout");
  }

  @Test
  void hugeBackoffAndMaxAgeAreRefusedNotThrown() {
    assertThatCode(() -> problems("""
        ingest: {bluesky: {authorFeed: {actor: "did:plc:x"}}}
        retry: {backoff: {initial: "99999999999999999999999s", max: "1s"}}
        """)).doesNotThrowAnyException();
    assertThat(problems("""
        ingest: {bluesky: {authorFeed: {actor: "did:plc:x"}}}
        retry: {backoff: {initial: "99999999999999999999999s", max: "9999999d"}}
        """)).extracting(SpecProblem::field).containsExactly("spec.retry.backoff.initial", "spec.retry.backoff.max");
    assertThat(problems("""
        transform: {models: [t]}
        checks: [{name: fresh, type: freshness, maxAge: "99999999999999999999h"}]
        """)).extracting(SpecProblem::field).containsExactly("spec.checks[0].maxAge");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1X=2", "A B", "PATH\\nLD_PRELOAD", "A\\u0000B", "\\u202eHTAP", "$(id)", "9LIVES"})
  void invalidEnvironmentVariableNamesAreRefused(String name) {
    assertThat(problems("ingest: {bluesky: {authorFeed: {actor: \"did:plc:x\"}}}\nworker: {env: [{name: \"" + name + "\", value: v}]}"))
        .extracting(SpecProblem::field).containsExactly("spec.worker.env[0].name");
  }

  @Test
  void referencesToSecretsAndConfigMapsMustBeNames() {
    assertThat(problems("""
        ingest: {bluesky: {authorFeed: {actor: "did:plc:x"}}}
        worker:
          env:
          - {name: A, valueFrom: {secretKeyRef: {name: "../kube-system/admin", key: "k"}}}
          - {name: B, value: x, valueFrom: {configMapKeyRef: {name: cm, key: "../../etc/passwd"}}}
          envFrom:
          - {secretRef: {name: "Other_Namespace/token"}}
          - {prefix: "1; rm -rf /", configMapRef: {name: cm}}
          - {secretRef: {name: a}, configMapRef: {name: b}}
        """)).extracting(SpecProblem::field).containsExactly(
        "spec.worker.env[0].valueFrom.secretKeyRef.name",
        "spec.worker.env[1].valueFrom",
        "spec.worker.env[1].valueFrom.configMapKeyRef.key",
        "spec.worker.envFrom[0].secretRef.name",
        "spec.worker.envFrom[1].prefix",
        "spec.worker.envFrom[2]");
  }

  @Test
  void resourceQuantitiesAndNamesAreChecked() {
    assertThat(problems("""
        ingest: {bluesky: {authorFeed: {actor: "did:plc:x"}}}
        worker:
          resources:
            limits: {cpu: "-1", memory: "1e999999", "bad name!": "1"}
            requests: {cpu: "500m", memory: "2Gi", ephemeral-storage: 1, example.com/gpu: "1"}
        """)).extracting(SpecProblem::field).containsExactlyInAnyOrder(
        "spec.worker.resources.limits.cpu", "spec.worker.resources.limits.memory", "spec.worker.resources.limits");
  }

  @ParameterizedTest
  @ValueSource(strings = {"did:plc:../../etc", "did:web:%2e%2e", "did:web:%2F%2E%2E", "did:foo:bar", "did:web:example.com%3A8080%2e"})
  void anActorThatIsNoDidOrHandleIsRefused(String actor) {
    assertThat(problems("ingest: {bluesky: {authorFeed: {actor: \"" + actor + "\"}}}")).extracting(SpecProblem::field)
        .containsExactly("spec.ingest.bluesky.authorFeed.actor");
  }

  @Test
  void aPortIsTheOnlyPercentEncodingInADid() {
    assertThat(problems("ingest: {bluesky: {authorFeed: {actor: \"did:web:example.com%3A8080\"}}}")).isEmpty();
    assertThat(problems("""
        ingest: {bluesky: {authorFeed: {}}}
        partitions: {static: ["did:plc:ok", "did:web:%2e%2e", "alice.bsky.social"]}
        """)).extracting(SpecProblem::field).containsExactly("spec.partitions.static[1]");
  }

  @Test
  void aStarterPackUriElsewhereIsRefused() {
    assertThat(problems("ingest: {bluesky: {starterPack: {uri: \"at://did:plc:x/app.bsky.feed.post/abc\"}}}"))
        .extracting(SpecProblem::field).containsExactly("spec.ingest.bluesky.starterPack.uri");
    assertThat(problems("ingest: {bluesky: {starterPack: {uri: \"at://did:plc:x/app.bsky.graph.starterpack/abc\"}}}")).isEmpty();
  }

  @Test
  void messagesEscapeControlAndBidiCharacters() {
    List<SpecProblem> found = problems("ingest: {bluesky: {authorFeed: {actor: \"did:plc:x\"}}}\nworker: {env: [{name: \"A\\u202e\\nB\", value: v}]}");
    assertThat(found).hasSize(1);
    assertThat(found.get(0).message()).contains("A\\u202e\\u000aB").doesNotContain("\n").doesNotContain("\u202e");
  }

  @Test
  void fourKibibyteValuesAreQuotedShort() {
    String big = "A".repeat(4096);
    List<SpecProblem> found = problems("transform: {models: [t]}\nchecks: [{name: c, type: unique, column: " + big + "}]\n"
        + "automation: {cron: {schedule: \"" + "*/1 ".repeat(1024) + "\", timezone: " + big + "}}");
    assertThat(found).extracting(SpecProblem::field)
        .containsExactly("spec.automation.cron.schedule", "spec.automation.cron.timezone", "spec.checks[0].column");
    assertThat(found).allSatisfy(problem -> assertThat(problem.message()).hasSizeLessThan(400));
  }

  /** Lists the CRD now bounds too: an Asset stored under an older CRD is refused here. */
  @Test
  void listsBeyondTheCrdsMaxItemsAreRefusedHereToo() {
    String models = String.join(", ", java.util.Collections.nCopies(101, "m"));
    String values = String.join(", ", java.util.Collections.nCopies(1001, "v"));
    assertThat(problems("transform: {models: [" + models + "]}\nchecks: [{name: c, type: acceptedValues, column: a, values: [" + values + "]},"
        + " {name: d, type: acceptedValues, column: a, values: [ok, " + "x".repeat(1025) + "]}]"))
        .extracting(SpecProblem::field).containsExactly("spec.transform.models", "spec.checks[0].values", "spec.checks[1].values[1]");
  }

  /**
   * About 481,000 hourly windows from 1970 until 2025: not refused, the Asset tracks the newest
   * 100,000 and its AllWindowsTracked condition says so (see TimeWindowsTest and
   * AssetStatusBuilderTest). A spec valid today must stay valid as its windows grow with time.
   */
  @Test
  void hourlyWindowsSince1970AreNotRefused() {
    assertThat(problems("transform: {models: [t]}\npartitions: {timeWindow: {cron: \"0 * * * *\", start: \"1970-01-01\"}}")).isEmpty();
    // Control: the same spec with a bad cron is refused, so the validator does read it.
    assertThat(problems("transform: {models: [t]}\npartitions: {timeWindow: {cron: \"0 * * *\", start: \"1970-01-01\"}}"))
        .extracting(SpecProblem::field).containsExactly("spec.partitions.timeWindow.cron");
  }

  private List<SpecProblem> problems(String yaml) {
    AssetSpec spec = Serialization.unmarshal(yaml, AssetSpec.class);
    return validator.validate("a", spec, Map.of("a", spec));
  }
}
