package dev.eider.operator.asset.status;

import dev.eider.operator.api.asset.AssetConditions;
import static dev.eider.operator.api.asset.AssetConditions.CODE_CHANGED;
import static dev.eider.operator.api.asset.AssetConditions.CODE_CURRENT;
import static dev.eider.operator.api.asset.AssetConditions.CODE_VERSION;
import static dev.eider.operator.api.asset.AssetConditions.NEVER_MATERIALIZED;
import static dev.eider.operator.asset.status.AssetStatusBuilderTest.builder;
import static dev.eider.operator.asset.status.AssetStatusBuilderTest.condition;
import static dev.eider.operator.asset.AssetSpecs.spec;
import static dev.eider.operator.asset.status.AssetStatusBuilderTest.states;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eider.operator.api.asset.AssetSpec;
import dev.eider.operator.api.asset.AssetStatus;
import dev.eider.operator.api.asset.CodeVersionStatus;
import dev.eider.operator.sql.CodeVersion;
import dev.eider.operator.asset.state.PartitionState;
import dev.eider.operator.asset.state.PartitionStates;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The CodeVersion condition and status.codeVersion: current, or which models changed since the materializations. */
class CodeVersionStatusTest {

  static final Instant T0 = Instant.parse("2025-03-10T12:00:00Z");
  static final AssetSpec EAGER = spec("{transform: {configMapRef: {name: m}}, partitions: {static: [a, b]}, automation: {eager: true}}");
  static final AssetSpec LAZY = spec("{transform: {configMapRef: {name: m}}, partitions: {static: [a, b]}}");
  static final CodeVersion V1 = version("1111111111111111", Map.of("members", "aaaa000000000001", "member_count", "bbbb000000000001",
      "other", "cccc000000000001"));
  static final CodeVersion V2 = version("2222222222222222", Map.of("members", "aaaa000000000002", "member_count", "bbbb000000000002",
      "other", "cccc000000000001"));

  @Test
  void allPartitionsMaterializedWithTheCurrentCodeAreCurrent() {
    AssetStatus status = build(EAGER, null, V1, states(ran("a", "1111111111111111"), ran("b", "1111111111111111")));

    assertThat(status.getCodeVersion().getState()).isEqualTo(CodeVersionStatus.CURRENT);
    assertThat(status.getCodeVersion().getFingerprint()).isEqualTo("1111111111111111");
    assertThat(status.getCodeVersion().getMaterialized()).isEqualTo("1111111111111111");
    assertThat(status.getCodeVersion().getChangedPartitions()).isZero();
    assertThat(status.getCodeVersion().getModels()).extracting(m -> m.getName() + "=" + m.getFingerprint() + "/" + m.getMaterialized())
        .containsExactly("member_count=bbbb000000000001/bbbb000000000001", "members=aaaa000000000001/aaaa000000000001",
            "other=cccc000000000001/cccc000000000001");
    assertThat(condition(status, CODE_VERSION)).extracting(Condition::getStatus, Condition::getReason, Condition::getMessage)
        .containsExactly("True", CODE_CURRENT, "every materialized partition holds code version 1111111111111111");
  }

  @Test
  void aChangeNamesTheModelsThatChangedAndHowManyPartitionsHoldTheEarlierCode() {
    AssetStatus before = build(EAGER, null, V1, states(ran("a", "1111111111111111"), ran("b", "1111111111111111")));

    // Partition a already re-ran with v2 (its run launched and succeeded); b still holds v1.
    AssetStatus after = build(EAGER, before, V2, states(ran("a", "2222222222222222"), ran("b", "1111111111111111")));

    assertThat(after.getCodeVersion().getState()).isEqualTo(CodeVersionStatus.CHANGED);
    assertThat(after.getCodeVersion().getChangedPartitions()).isEqualTo(1);
    assertThat(after.getCodeVersion().getMaterialized()).isEqualTo("1111111111111111");
    assertThat(after.getCodeVersion().getModels()).extracting(m -> m.getName() + "=" + m.getFingerprint() + "/" + m.getMaterialized())
        .containsExactly("member_count=bbbb000000000002/bbbb000000000001", "members=aaaa000000000002/aaaa000000000001",
            "other=cccc000000000001/cccc000000000001");
    assertThat(condition(after, CODE_VERSION)).extracting(Condition::getStatus, Condition::getReason, Condition::getMessage)
        .containsExactly("False", CODE_CHANGED, "code changed since the latest materialization: models member_count, members "
            + "(version 1111111111111111 -> 2222222222222222); 1 of 2 materialized partitions hold the earlier code; eager automation "
            + "runs them again");

    // A run of the new code in flight: the table still holds the old one.
    PartitionState running = ran("b", "1111111111111111").launched(T0, false, null).withCodeVersion("2222222222222222");
    AssetStatus inFlight = build(EAGER, after, V2, states(ran("a", "2222222222222222"), running));
    assertThat(inFlight.getCodeVersion().getState()).isEqualTo(CodeVersionStatus.CHANGED);

    AssetStatus done = build(EAGER, inFlight, V2, states(ran("a", "2222222222222222"), running.succeeded(T0.plusSeconds(9))));
    assertThat(condition(done, CODE_VERSION).getReason()).isEqualTo(CODE_CURRENT);
    assertThat(done.getCodeVersion().getModels()).extracting(m -> m.getMaterialized())
        .containsExactly("bbbb000000000002", "aaaa000000000002", "cccc000000000001");
  }

  @Test
  void withoutEagerTheMessageSaysHowToRunTheNewCode() {
    AssetSpec one = spec("{transform: {sql: \"SELECT 1\"}}");
    AssetStatus before = build(one, null, V1, states(ran("", "1111111111111111")), List.of(""));
    AssetStatus after = build(one, before, V2, states(ran("", "1111111111111111")), List.of(""));

    assertThat(condition(after, CODE_VERSION).getMessage()).isEqualTo("code changed since the latest materialization: models "
        + "member_count, members (version 1111111111111111 -> 2222222222222222); not eager: materialize it (annotation "
        + "eider.dev/materialize) to run the new code");
  }

  @Test
  void withoutAnEarlierVersionOfTheModelsInTheStatusNoModelIsNamed() {
    AssetStatus unknown = build(EAGER, null, V2, states(ran("a", "1111111111111111"), ran("b", "2222222222222222")));

    assertThat(condition(unknown, CODE_VERSION).getMessage()).isEqualTo("code changed since the latest materialization (version "
        + "1111111111111111 -> 2222222222222222); 1 of 2 materialized partitions hold the earlier code; eager automation runs them again");
    assertThat(unknown.getCodeVersion().getModels()).allMatch(model -> model.getMaterialized() == null);
  }

  @Test
  void neverMaterializedAndIngestionsHaveNoCodeToCompare() {
    AssetStatus fresh = build(LAZY, null, V1, states(PartitionState.never("a"), PartitionState.never("b").launched(T0, false, null)
        .withCodeVersion("1111111111111111")));
    assertThat(condition(fresh, CODE_VERSION)).extracting(Condition::getStatus, Condition::getReason)
        .containsExactly("True", NEVER_MATERIALIZED);
    assertThat(fresh.getCodeVersion().getMaterialized()).isNull();

    AssetStatus ingestion = builder(spec("{ingest: {bluesky: {authorFeed: {}}}}"), null, T0)
        .partitions(List.of(""), states(ran("", null)), List.of()).build();
    assertThat(ingestion.getCodeVersion()).isNull();
    assertThat(ingestion.getConditions()).noneMatch(c -> c.getType().equals(CODE_VERSION));
  }

  static AssetStatus build(AssetSpec spec, AssetStatus previous, CodeVersion current, PartitionStates states) {
    return build(spec, previous, current, states, List.of("a", "b"));
  }

  static AssetStatus build(AssetSpec spec, AssetStatus previous, CodeVersion current, PartitionStates states, List<String> keys) {
    return builder(spec, previous, T0).partitions(keys, states, List.of()).codeVersion(current).build();
  }

  static PartitionState ran(String key, String codeVersion) {
    return PartitionState.never(key).launched(T0.minusSeconds(60), false, null).withCodeVersion(codeVersion).succeeded(T0);
  }

  static CodeVersion version(String fingerprint, Map<String, String> models) {
    return new CodeVersion(fingerprint, new TreeMap<>(models));
  }
}
