package dev.eider.operator.asset.state;

import dev.eider.operator.platform.KubeNames;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A partition's state as stored: compact JSON, one value per partition, 16 shards per asset. */
class PartitionStateTest {

  static final Instant T = Instant.parse("2025-03-10T12:00:00Z");
  static final int MIB = 1024 * 1024;

  @Test
  void everyFieldSurvivesARoundTrip() {
    PartitionState state = new PartitionState("did:plc:abc", 7, PartitionState.Phase.RETRYING, 2, T, T.minusSeconds(3600),
        T.plusSeconds(30), "exit 3: HTTP 503", Trigger.CRON, "2025-03-10T11:00", T.minusSeconds(60), java.util.List.of("unique_uri"), "PodRefused", "0123abcd0123abcd",
        "fedcba9876543210");

    assertThat(PartitionStateStore.parse(PartitionStateStore.format(state), "cm")).isEqualTo(state);
  }

  @Test
  void stateWrittenByTheReleaseBeforeTheTriggerEnumStillLoads() {
    // Verbatim as the previous release stored them: "due" was a free string.
    assertThat(PartitionStateStore.parse("{\"k\":\"a\",\"s\":3,\"p\":\"RUNNING\",\"a\":1,\"t\":\"2025-03-10T12:00:00Z\",\"d\":\"replace\"}", "cm").due())
        .isEqualTo(Trigger.REPLACE);
    assertThat(PartitionStateStore.parse("{\"k\":\"b\",\"s\":0,\"a\":0,\"d\":\"manual\",\"q\":\"1741600000\"}", "cm"))
        .isEqualTo(PartitionState.never("b").withRequest("1741600000").withDue(Trigger.MANUAL));
    PartitionState cron = PartitionStateStore.parse("{\"k\":\"2025-03-10\",\"s\":2,\"p\":\"SUCCEEDED\",\"a\":1,"
        + "\"t\":\"2025-03-10T12:00:00Z\",\"m\":\"2025-03-10T12:00:05Z\",\"d\":\"cron\"}", "cm");
    assertThat(cron.due()).isEqualTo(Trigger.CRON);
    assertThat(cron.materializedAt()).isEqualTo(Instant.parse("2025-03-10T12:00:05Z"));
    // And it is written back in the same form, so the previous release can still read it.
    assertThat(PartitionStateStore.format(cron)).contains("\"d\":\"cron\"").doesNotContain("CRON");
    assertThat(PartitionStateStore.format(PartitionState.never("x").withDue(Trigger.MANUAL))).isEqualTo("{\"k\":\"x\",\"s\":0,\"a\":0,\"d\":\"manual\"}");
  }

  @Test
  void storedFormIsCompactWithOneLetterNamesAndNoNulls() {
    PartitionState state = PartitionState.never("a").launched(T, false, null).succeeded(T.plusMillis(1500));

    assertThat(PartitionStateStore.format(state))
        .isEqualTo("{\"k\":\"a\",\"s\":1,\"p\":\"SUCCEEDED\",\"a\":1,\"t\":\"2025-03-10T12:00:00Z\",\"m\":\"2025-03-10T12:00:01.500Z\"}");
    assertThat(PartitionStateStore.format(PartitionState.never(""))).isEqualTo("{\"k\":\"\",\"s\":0,\"a\":0}");
  }

  @Test
  void fieldsFromANewerOperatorAreIgnored() {
    assertThat(PartitionStateStore.parse("{\"k\":\"a\",\"s\":3,\"zz\":true}", "cm")).isEqualTo(
        new PartitionState("a", 3, null, 0, null, null, null, null, null, null, null, null, null, null, null));
  }

  @Test
  void theRawSqlHashOfAnEarlierReleaseIsIgnoredSoTheCurrentCodeVersionIsAdopted() {
    PartitionState old = PartitionStateStore.parse("{\"k\":\"\",\"s\":2,\"p\":\"SUCCEEDED\",\"a\":1,\"m\":\"2025-03-10T12:00:00Z\","
        + "\"v\":\"00ff00ff00ff00ff\"}", "cm");
    assertThat(old.codeVersion()).isNull();

    PartitionState adopted = old.adoptingCodeVersion("1111222233334444");
    assertThat(adopted.codeVersion()).isEqualTo("1111222233334444");
    assertThat(adopted.materializedCodeVersion()).isEqualTo("1111222233334444");
    assertThat(PartitionState.never("x").launched(T, false, null).adoptingCodeVersion("1111222233334444")
        .materializedCodeVersion()).as("never materialized: holds no code").isNull();
  }

  @Test
  void aSuccessfulRunRecordsTheCodeVersionItWasLaunchedWith() {
    PartitionState launched = PartitionState.never("a").launched(T, false, null).withCodeVersion("aaaa000000000000");
    assertThat(launched.materializedCodeVersion()).isNull();
    PartitionState failed = launched.failed("exit 2");
    assertThat(failed.materializedCodeVersion()).isNull();
    PartitionState done = launched.succeeded(T.plusSeconds(5));
    assertThat(done.materializedCodeVersion()).isEqualTo("aaaa000000000000");
    assertThat(PartitionStateStore.format(done)).endsWith(",\"c\":\"aaaa000000000000\",\"cm\":\"aaaa000000000000\"}");
    PartitionState relaunched = done.launched(T.plusSeconds(60), false, null).withCodeVersion("bbbb000000000000");
    assertThat(relaunched.materializedCodeVersion()).as("the table still holds the earlier code").isEqualTo("aaaa000000000000");
  }

  @Test
  void unreadableStateNamesItsConfigMap() {
    assertThatThrownBy(() -> PartitionStateStore.parse("{not json", "feeds-partitions-3"))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("feeds-partitions-3");
  }

  @Test
  void tenThousandPartitionsSpreadOverSixteenShardsEachWellUnderAMebibyte() {
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      keys.add(String.format("did:plc:%024x", (long) i * 2_654_435_761L));
    }
    long[] typical = shardBytes(keys, key -> PartitionState.never(key).launched(T, false, T.minusSeconds(90))
        .succeeded(T.plusSeconds(42)).withRequest("2025-03-10T08:15:00Z"));
    String error = "exit 1: " + "x".repeat(292);
    long[] worst = shardBytes(keys, key -> PartitionState.never(key).launched(T, false, T).launched(T, true, T)
        .retrying(T.plusSeconds(600), error).withDue(Trigger.MANUAL).withRequest("backfill-2025-03-10T08:15:00Z"));

    long typicalTotal = sum(typical);
    assertThat(typicalTotal).as("typical total").isBetween(1_000_000L, 2_500_000L);
    for (int shard = 0; shard < PartitionStateStore.SHARDS; shard++) {
      assertThat(typical[shard]).as("typical shard %d", shard).isBetween(typicalTotal / 16 * 8 / 10, typicalTotal / 16 * 12 / 10);
      assertThat(worst[shard]).as("worst shard %d", shard).isLessThan(MIB / 2);
    }
  }

  @Test
  void statesTrackWhichShardsChanged() {
    PartitionStates states = PartitionStates.empty();
    PartitionState a = PartitionState.never("a").launched(T, false, null);

    states.put(a);
    assertThat(states.dirtyShards()).containsExactly(PartitionStateStore.shardOf("a"));
    states.clean();
    states.put(a);
    assertThat(states.changed()).isFalse();
    states.remove("nothing");
    assertThat(states.changed()).isFalse();
    states.remove("a");
    assertThat(states.changed()).isTrue();
    assertThat(states.get("a")).isEqualTo(PartitionState.never("a"));
  }

  @Test
  void shardNamesAreDeterministicAndBounded() {
    assertThat(PartitionStateStore.shardName("feeds", 10)).isEqualTo("feeds-partitions-a");
    assertThat(PartitionStateStore.shardName("x".repeat(253), 15)).hasSizeLessThanOrEqualTo(253).endsWith("-partitions-f");
    assertThat(PartitionStateStore.shardName("x".repeat(253), 15)).isEqualTo("x".repeat(234) + "-1329e-partitions-f");
    assertThat(PartitionStateStore.singleName("feeds")).isEqualTo("feeds-partitions");
  }

  /**
   * Where a partition's state is stored, written down once: if the hash changed between versions,
   * an upgraded operator would find no state for any partition and run every one of them again.
   */
  @Test
  void partitionHashesAndShardsAreTheSameAcrossVersions() {
    Map<String, String> hashes = Map.of(
        "", "e3b0c44298fc1c14",
        "a", "ca978112ca1bbdca",
        "did:plc:abc", "b0b204c271d77143",
        "2025-03-10T11:00", "532208ce3f4db420",
        "at://did:plc:lc5jzrr425fyah724df3z5ik/app.bsky.graph.starterpack/3l7cddlz5ja24", "11822dde0319ba1d");
    Map<String, Integer> shards = Map.of("", 14, "a", 12, "did:plc:abc", 11, "2025-03-10T11:00", 5,
        "at://did:plc:lc5jzrr425fyah724df3z5ik/app.bsky.graph.starterpack/3l7cddlz5ja24", 1);
    hashes.forEach((key, hash) -> {
      assertThat(KubeNames.partitionHash(key)).as(key).isEqualTo(hash);
      assertThat(PartitionStateStore.shardOf(key)).as(key).isEqualTo(shards.get(key));
    });
  }

  /** Bytes of each shard's ConfigMap data, keys (partition hashes) and values, as the store writes them. */
  static long[] shardBytes(List<String> keys, java.util.function.Function<String, PartitionState> stateOf) {
    List<Map<String, String>> shards = new ArrayList<>();
    for (int i = 0; i < PartitionStateStore.SHARDS; i++) {
      shards.add(new TreeMap<>());
    }
    for (String key : keys) {
      shards.get(PartitionStateStore.shardOf(key)).put(KubeNames.partitionHash(key), PartitionStateStore.format(stateOf.apply(key)));
    }
    long[] bytes = new long[PartitionStateStore.SHARDS];
    for (int i = 0; i < bytes.length; i++) {
      for (Map.Entry<String, String> entry : shards.get(i).entrySet()) {
        bytes[i] += entry.getKey().getBytes(StandardCharsets.UTF_8).length + entry.getValue().getBytes(StandardCharsets.UTF_8).length;
      }
    }
    return bytes;
  }

  static long sum(long[] values) {
    long total = 0;
    for (long value : values) {
      total += value;
    }
    return total;
  }
}
