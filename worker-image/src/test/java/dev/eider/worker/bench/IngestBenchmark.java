package dev.eider.worker.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eider.testkit.bench.Comparison;
import dev.eider.testkit.bluesky.BlueskyActor;
import dev.eider.testkit.bluesky.FakeBluesky;
import dev.eider.testkit.s3.LocalS3;
import dev.eider.worker.WorkerMain;
import dev.eider.worker.run.TerminationMessage;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Ingest throughput of `ingest author-feed` against a baseline in the same run: the same HTTP
 * fetches (raw bytes, no parsing, no retries, no rate limit) gzipped into one PutObject. One warm-up
 * of each, then {@link #ROUNDS} rounds alternating which goes first; asserts the worker's median
 * time is at most 1/0.9 of the baseline's (0.9 of its throughput) and prints the figures in one
 * line ({@code BENCH ...}, also in {@code target/ingest-benchmark.txt}). Run with
 * {@code mvn -B -pl worker-image -am test -Pbench -Dtest=IngestBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 * (-Deider.bench.items=100000 -Dbench.rounds=5). See docs/benchmarks.md.
 */
// Only with -Pbench: a -Dtest pattern that happens to match must not start a minute-long measurement.
@EnabledIfSystemProperty(named = "eider.bench", matches = "true")
class IngestBenchmark {

  static final int ITEMS = Integer.getInteger("eider.bench.items", 100_000);
  static final int ROUNDS = Integer.getInteger("bench.rounds", 5);
  /** Throughput at least 0.9 times the baseline's. */
  static final double MAX_TIME_RATIO = 1 / 0.9;

  @TempDir Path dir;

  @Test
  void ingestAgainstBareFetchAndUpload() throws Exception {
    try (FakeBluesky bluesky = FakeBluesky.builder().members(1).feedLength(10).start();
         LocalS3 s3Server = LocalS3.start(dir.resolve("s3"), List.of("bench"));
         S3Client s3 = S3Client.builder().endpointOverride(s3Server.endpoint()).region(Region.of(LocalS3.REGION))
             .forcePathStyle(true).credentialsProvider(StaticCredentialsProvider.create(
                 AwsBasicCredentials.create(LocalS3.ACCESS_KEY, LocalS3.SECRET_KEY))).build()) {
      BlueskyActor actor = bluesky.dataset().registerActor("bench.bsky.social", ITEMS);
      // Both sides make thousands of requests: the fake's 3000-per-5-minutes limit would time the waits.
      bluesky.rateLimits().global(Integer.MAX_VALUE, java.time.Duration.ofMinutes(5));
      Map<String, String> env = new HashMap<>(s3Server.clientEnvironment());
      env.put("EIDER_BUCKET", "bench");
      env.put("BLUESKY_APPVIEW_URL", bluesky.url());
      env.put("BLUESKY_RATE_LIMIT", "1000000/60s");
      env.put(TerminationMessage.PATH_ENV, dir.resolve("termination-log").toString());

      measure("warm-up worker", () -> worker(env, actor.did(), "warmup"));
      measure("warm-up baseline", () -> baseline(bluesky.url(), actor.did(), s3, "warmup"));
      Comparison comparison = new Comparison(String.format("ingest of %,d feed items", ITEMS), "eider-worker ingest",
          "bare fetches + one upload");
      for (int i = 1; i <= ROUNDS; i++) {
        String round = Integer.toString(i);
        // Alternate which goes first, so neither always runs on the heap the other left behind.
        long baseline = 0;
        long worker;
        if (i % 2 == 1) {
          baseline = measure("baseline round " + round, () -> baseline(bluesky.url(), actor.did(), s3, "b" + round));
        }
        worker = measure("worker   round " + round, () -> worker(env, actor.did(), "w" + round));
        if (i % 2 == 0) {
          baseline = measure("baseline round " + round, () -> baseline(bluesky.url(), actor.did(), s3, "b" + round));
        }
        comparison.add(worker, baseline);
      }
      System.out.println(comparison.line(MAX_TIME_RATIO));
      Files.createDirectories(Path.of("target"));
      Files.writeString(Path.of("target", "ingest-benchmark.txt"), comparison.line(MAX_TIME_RATIO) + "\n");
      // At least 0.9 of the baseline's throughput: at most 1/0.9 of its time.
      assertThat(comparison.ratio()).as(comparison.line(MAX_TIME_RATIO)).isLessThanOrEqualTo(MAX_TIME_RATIO);
    }
  }

  private long worker(Map<String, String> env, String did, String prefix) throws Exception {
    Map<String, String> run = new HashMap<>(env);
    run.put("EIDER_PREFIX", prefix);
    assertThat(WorkerMain.run(run, "ingest", "author-feed", "--actor", did)).isZero();
    return new ObjectMapper().readTree(Files.readString(Path.of(env.get(TerminationMessage.PATH_ENV)))).path("items").asLong();
  }

  private long baseline(String url, String did, S3Client s3, String prefix) throws Exception {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    ObjectMapper json = new ObjectMapper();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    long pages = 0;
    try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
      String cursor = null;
      do {
        String query = "?limit=100&actor=" + did + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
        byte[] page = http.send(HttpRequest.newBuilder(URI.create(url + "/xrpc/app.bsky.feed.getAuthorFeed" + query)).build(),
            HttpResponse.BodyHandlers.ofByteArray()).body();
        gzip.write(page);
        pages++;
        // The cursor is the only thing the baseline reads from a page.
        var node = json.readTree(page).get("cursor");
        cursor = node == null ? null : node.asText();
      } while (cursor != null);
    }
    s3.putObject(b -> b.bucket("bench").key(prefix + "/baseline.json.gz"), RequestBody.fromBytes(bytes.toByteArray()));
    return pages;
  }

  private static long measure(String what, Callable<Long> work) throws Exception {
    List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
    System.gc();
    heap.forEach(MemoryPoolMXBean::resetPeakUsage);
    long start = System.nanoTime();
    long count = work.call();
    long millis = (System.nanoTime() - start) / 1_000_000;
    long peakHeapMb = heap.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum() >> 20;
    System.out.printf("%-22s %,8d ms  (%,d)  peak heap %,5d MB%n", what, millis, count, peakHeapMb);
    return millis;
  }
}
