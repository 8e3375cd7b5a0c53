package dev.eider.operator.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

/**
 * How long the asset page of an asset with 100,000 partitions takes to build from the cache (the
 * issue asks for under a second): the state ConfigMaps parsed, counted, sorted and one page
 * rendered, as a request does. Only in the bench profile (times are not asserted):
 * {@code mvn -B -o -pl operator test -Pbench -Dtest=UiPageBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 */
class UiPageBenchmark {

  private static final int WARMUP = 5;
  private static final int ROUNDS = 20;

  @Test
  void assetPageOfHundredThousandPartitions() {
    MapClusterView cluster = new MapClusterView();
    cluster.add(UiFixtures.asset("bluesky", "events"));
    cluster.configMaps.putAll(UiPagesTest.hundredThousandPartitions("bluesky", "events"));
    UiPages pages = new UiPages(cluster, Clock.systemUTC());
    Map<String, String> query = Map.of("page", "500");
    for (int i = 0; i < WARMUP; i++) {
      pages.get("/ui/ns/bluesky/assets/events", query::get);
    }
    long[] millis = new long[ROUNDS];
    String body = null;
    for (int i = 0; i < ROUNDS; i++) {
      long start = System.nanoTime();
      body = pages.get("/ui/ns/bluesky/assets/events", query::get).body();
      millis[i] = (System.nanoTime() - start) / 1_000_000;
    }
    assertThat(Jsoup.parse(body).select("tr.partition")).hasSize(AssetPage.PAGE_SIZE);
    Arrays.sort(millis);
    System.out.printf("UiPageBenchmark: asset page of 100,000 partitions: median %d ms, fastest %d ms, slowest %d ms (%d rounds), %d bytes%n",
        millis[ROUNDS / 2], millis[0], millis[ROUNDS - 1], ROUNDS, body.length());
  }
}
