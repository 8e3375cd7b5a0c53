package dev.eider.worker.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eider.contract.exit.ExitCodes;
import dev.eider.testkit.bench.Comparison;
import dev.eider.testkit.s3.LocalS3;
import dev.eider.worker.WorkerMain;
import dev.eider.worker.storage.ObjectLayout;
import dev.eider.worker.storage.ObjectStore;
import dev.eider.worker.warehouse.ModelGraph;
import dev.eider.worker.warehouse.SqlProject;
import dev.eider.worker.warehouse.WarehouseTestSupport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * {@code transform --models all} over 1,000,000 generated feed items in the in-JVM S3 server
 * (which answers the timed rounds' GETs from memory: {@link #READ_CACHE_BYTES}), against the same
 * SQL run directly through DuckDB JDBC on local copies of the same objects (read_ndjson_objects
 * into the raw tables, then every model's SELECT as CREATE TABLE AS), in the same JVM. One
 * warm-up round, then {@link #ROUNDS} timed rounds alternating which side goes first; asserts
 * both produce the same tables and that the worker's median time is at most {@value #TARGET}
 * times the direct run's; prints every time, peak RSS and heap, and the ratio in one line
 * ({@code BENCH ...}, also in {@code target/transform-benchmark.txt}). Run with
 * {@code mvn -B -pl worker-image -am test -Pbench -Dtest=TransformBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 * (sizes: -Dbench.members=200 -Dbench.runs=5 -Dbench.items=1000 -Dbench.rounds=5; every GET to S3Mock:
 * -Dbench.read-cache-bytes=0). See docs/benchmarks.md.
 */
// Only with -Pbench: a -Dtest pattern that happens to match must not start a minute-long measurement.
@EnabledIfSystemProperty(named = "eider.bench", matches = "true")
class TransformBenchmark {

  static final int MEMBERS = Integer.getInteger("bench.members", 200);
  static final int RUNS = Integer.getInteger("bench.runs", 5);
  static final int ITEMS_PER_RUN = Integer.getInteger("bench.items", 1000);
  static final int ROUNDS = Integer.getInteger("bench.rounds", 5);
  /** The worker takes at most this many times the direct run's median. */
  static final double TARGET = 1.10;
  static final String PACK = "at://" + FeedGenerator.did(0) + "/app.bsky.graph.starterpack/bench";
  private static final DateTimeFormatter RUN_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  @TempDir Path dir;

  /**
   * The in-JVM S3 server keeps up to this much of its answers to GETs in memory: the 105 MB of the
   * default sizes. S3Mock answering a GET costs this JVM about 1.6 ms of CPU, on the 2 cores the
   * worker reads with; an object store elsewhere would not take them. So the warm-up round's GETs
   * are S3Mock's, and the timed rounds' are answered from memory (counted, and asserted).
   */
  static final long READ_CACHE_BYTES = Long.getLong("bench.read-cache-bytes", 256L << 20);

  /**
   * One timed run; {@code s3ServerCpuMs} is the CPU the in-JVM S3 server's threads used meanwhile
   * (those that ended before the run did are not counted), {@code cachedGets} how many GETs it
   * answered from memory.
   */
  record Measurement(String what, long millis, long peakRssMb, long peakHeapMb, long s3ServerCpuMs, long cachedGets) {}

  @Test
  void transformVersusTheSameSqlDirectlyInDuckDb() throws Exception {
    try (LocalS3 server = WarehouseTestSupport.startS3(dir.resolve("s3"), READ_CACHE_BYTES)) {
      compare(server);
    }
  }

  private void compare(LocalS3 server) throws Exception {
    Map<String, String> env = WarehouseTestSupport.environment(dir, server);
    String prefix = env.get("EIDER_PREFIX");
    Path local = dir.resolve("raw");
    long start = System.nanoTime();
    long[] generated = generate(env, prefix, local);
    System.out.printf("generated %,d feed items in %,d objects (%,d MB gzip, %,d MB JSON) in %,d ms%n",
        generated[0], generated[1], generated[2] >> 20, generated[3] >> 20, (System.nanoTime() - start) / 1_000_000);

    List<String> order = ModelGraph.of(SqlProject.load(Map.of())).order();
    List<Measurement> measurements = new ArrayList<>();
    Comparison comparison = new Comparison(String.format("transform of %,d feed items", generated[0]),
        "eider-worker transform", "direct DuckDB");
    // Round 0 warms both sides up (JIT, page cache, DuckDB's extension load) and is not counted.
    for (int round = 0; round <= ROUNDS; round++) {
      Path direct = dir.resolve("direct-" + round + ".duckdb");
      Path worker = dir.resolve("worker-" + round + ".duckdb");
      env.put("EIDER_WAREHOUSE", worker.toString());
      String label = round == 0 ? ", warm-up" : ", round " + round;
      Work directly = () -> runDirectly(direct, local.resolve(prefix), order);
      Work transform = () -> assertThat(WorkerMain.run(env, "transform", "--models", "all")).isEqualTo(ExitCodes.OK);
      // Alternate which goes first, so warm-up and cache effects do not favour one side.
      Measurement directRun;
      Measurement workerRun;
      if (round % 2 == 1) {
        directRun = measure("direct DuckDB JDBC" + label, directly, server);
        workerRun = measure("eider-worker transform" + label, transform, server);
      } else {
        workerRun = measure("eider-worker transform" + label, transform, server);
        directRun = measure("direct DuckDB JDBC" + label, directly, server);
      }
      assertThat(counts(worker, order)).isEqualTo(counts(direct, order));
      if (round == 0) {
        System.out.println("tables (rows): " + counts(worker, order));
      } else {
        if (READ_CACHE_BYTES > 0) {
          assertThat(workerRun.cachedGets()).as("GETs answered from memory in " + workerRun.what()).isEqualTo(generated[1]);
        }
        measurements.add(directRun);
        measurements.add(workerRun);
        comparison.add(workerRun.millis(), directRun.millis());
      }
      Files.delete(direct);
      Files.delete(worker);
    }
    report(measurements, comparison);
    assertThat(comparison.ratio()).as(comparison.line(TARGET)).isLessThanOrEqualTo(TARGET);
  }

  /** Writes the objects to the S3 server and the same bytes to local files; returns items, objects, bytes, JSON bytes. */
  private long[] generate(Map<String, String> env, String prefix, Path local) throws Exception {
    FeedGenerator feeds = new FeedGenerator(MEMBERS);
    AtomicLong items = new AtomicLong();
    AtomicLong objects = new AtomicLong();
    AtomicLong bytes = new AtomicLong();
    AtomicLong json = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try (ObjectStore store = WarehouseTestSupport.store(env)) {
      List<Future<?>> work = new ArrayList<>();
      work.add(pool.submit(() -> {
        StringBuilder lines = new StringBuilder();
        for (int member = 0; member < MEMBERS; member++) {
          lines.append(feeds.listItem(member)).append('\n');
        }
        put(store, local, prefix, "starter-pack-snapshot", PACK, runTime(RUNS - 1), lines, objects, bytes, json);
        return null;
      }));
      for (int member = 0; member < MEMBERS; member++) {
        for (int run = 0; run < RUNS; run++) {
          int m = member;
          int r = run;
          work.add(pool.submit(() -> {
            // Consecutive snapshots overlap by half: the same posts, with newer counts.
            StringBuilder lines = new StringBuilder(ITEMS_PER_RUN * 2000);
            int first = r * ITEMS_PER_RUN / 2;
            for (int index = first + ITEMS_PER_RUN - 1; index >= first; index--) {
              lines.append(feeds.item(m, index, r)).append('\n');
            }
            items.addAndGet(ITEMS_PER_RUN);
            put(store, local, prefix, "actor-feed-snapshot", FeedGenerator.did(m), runTime(r), lines, objects, bytes, json);
            return null;
          }));
        }
      }
      for (Future<?> future : work) {
        future.get();
      }
    } finally {
      pool.shutdown();
    }
    return new long[] {items.get(), objects.get(), bytes.get(), json.get()};
  }

  private static Instant runTime(int run) {
    return FeedGenerator.START.plusSeconds((run * ITEMS_PER_RUN / 2L + ITEMS_PER_RUN) * 600L);
  }

  private static void put(ObjectStore store, Path local, String prefix, String asset, String partition, Instant at,
      StringBuilder lines, AtomicLong objects, AtomicLong bytes, AtomicLong json) throws IOException {
    String runId = RUN_TIME.format(at) + "-" + String.format("%08x", partition.hashCode());
    String key = prefix + "/" + asset + "/" + at.toString().substring(0, 10) + "/" + ObjectLayout.encodePartition(partition)
        + "/" + runId + ObjectLayout.SUFFIX;
    byte[] text = lines.toString().getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream compressed = new ByteArrayOutputStream(text.length / 6);
    try (OutputStream out = new GZIPOutputStream(compressed, 1 << 16) {
      {
        def.setLevel(Deflater.BEST_SPEED);
      }
    }) {
      out.write(text);
    }
    byte[] gz = compressed.toByteArray();
    store.s3().putObject(b -> b.bucket(store.bucket()).key(key), RequestBody.fromBytes(gz));
    Path file = local.resolve(key);
    Files.createDirectories(file.getParent());
    Files.write(file, gz);
    objects.incrementAndGet();
    bytes.addAndGet(gz.length);
    json.addAndGet(text.length);
  }

  /** The baseline: the same objects from local files, the same model SQL, straight through JDBC. */
  private static void runDirectly(Path database, Path raw, List<String> order) throws Exception {
    SqlProject project = SqlProject.load(Map.of());
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + database);
         Statement statement = connection.createStatement()) {
      for (String[] source : new String[][] {{"raw_list_items", "starter-pack-snapshot"}, {"raw_feed_items", "actor-feed-snapshot"}}) {
        statement.execute("CREATE TABLE " + source[0] + " AS SELECT json AS item,"
            + " regexp_extract(filename, '(" + source[1] + "/.*)$', 1) AS _object_key,"
            + " url_decode(regexp_extract(filename, '/([^/]+)/[^/]+\\.ndjson\\.gz$', 1)) AS _partition,"
            + " regexp_extract(filename, '/([^/]+)\\.ndjson\\.gz$', 1) AS _run_id,"
            + " CAST(regexp_extract(filename, '/(\\d{4}-\\d{2}-\\d{2})/', 1) AS DATE) AS _day,"
            + " now() AS _loaded_at"
            + " FROM read_ndjson_objects('" + raw.resolve(source[1]) + "/*/*/*.ndjson.gz', filename = true)");
      }
      for (String model : order) {
        statement.execute("CREATE OR REPLACE TABLE " + model + " AS (\n" + project.models().get(model).strip() + "\n)");
      }
    }
  }

  private static Map<String, Long> counts(Path database, List<String> order) throws Exception {
    Map<String, Long> counts = new LinkedHashMap<>();
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + database);
         Statement statement = connection.createStatement()) {
      for (String table : order) {
        try (var result = statement.executeQuery("SELECT count(*) FROM " + table)) {
          result.next();
          counts.put(table, result.getLong(1));
        }
      }
      try (var result = statement.executeQuery("SELECT sum(like_count) FROM latest_feed")) {
        result.next();
        counts.put("sum(latest_feed.like_count)", result.getLong(1));
      }
    }
    return counts;
  }

  interface Work {
    void run() throws Exception;
  }

  private static Measurement measure(String what, Work work, LocalS3 server) throws Exception {
    System.gc();
    resetPeakRss();
    List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
    heap.forEach(MemoryPoolMXBean::resetPeakUsage);
    Map<Long, Long> serverCpu = s3ServerCpuNanos();
    long cachedGets = server.readCacheHits();
    long start = System.nanoTime();
    work.run();
    long millis = (System.nanoTime() - start) / 1_000_000;
    long peakHeap = heap.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
    long serverCpuMs = s3ServerCpuNanos().entrySet().stream()
        .mapToLong(thread -> thread.getValue() - serverCpu.getOrDefault(thread.getKey(), 0L)).sum() / 1_000_000;
    Measurement measurement = new Measurement(what, millis, peakRssKb() >> 10, peakHeap >> 20, serverCpuMs,
        server.readCacheHits() - cachedGets);
    System.out.printf("%-40s %,8d ms   peak RSS %,6d MB   peak heap %,5d MB   S3 server CPU %,6d ms   GETs from memory %,5d%n", what,
        millis, measurement.peakRssMb(), measurement.peakHeapMb(), measurement.s3ServerCpuMs(), measurement.cachedGets());
    return measurement;
  }

  /**
   * CPU time by thread of the in-JVM S3 server, which shares this machine's cores: S3Mock's request
   * threads (Tomcat's "http-nio-*"), the signature-checking front's ("local-s3-front-*") and its
   * client's to S3Mock ("HttpClient-*").
   */
  private static Map<Long, Long> s3ServerCpuNanos() {
    var threads = ManagementFactory.getThreadMXBean();
    Map<Long, Long> cpu = new HashMap<>();
    for (var info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info != null && (info.getThreadName().startsWith("http-nio") || info.getThreadName().startsWith("local-s3-front")
          || info.getThreadName().startsWith("HttpClient-"))) {
        cpu.put(info.getThreadId(), Math.max(0, threads.getThreadCpuTime(info.getThreadId())));
      }
    }
    return cpu;
  }

  /** Linux: writing 5 to clear_refs resets the process's peak RSS (VmHWM). */
  private static void resetPeakRss() {
    try {
      Files.writeString(Path.of("/proc/self/clear_refs"), "5");
    } catch (IOException e) {
      System.out.println("(cannot reset the peak RSS: " + e.getMessage() + ")");
    }
  }

  private static long peakRssKb() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmHWM:")) {
        return Long.parseLong(line.replaceAll("\\D", ""));
      }
    }
    return -1;
  }

  private static void report(List<Measurement> measurements, Comparison comparison) throws IOException {
    StringBuilder text = new StringBuilder(String.format("%nTransform benchmark: %,d members x %,d snapshots x %,d items = %,d feed items%n",
        MEMBERS, RUNS, ITEMS_PER_RUN, (long) MEMBERS * RUNS * ITEMS_PER_RUN));
    for (int i = 0; i + 1 < measurements.size(); i += 2) {
      Measurement direct = measurements.get(i);
      Measurement worker = measurements.get(i + 1);
      text.append(String.format("round %d: direct %,d ms, worker %,d ms, ratio %.3f; peak RSS direct %,d MB, worker %,d MB;"
              + " peak heap direct %,d MB, worker %,d MB; S3 server CPU during the worker run %,d ms%n", i / 2 + 1,
          direct.millis(), worker.millis(), (double) worker.millis() / direct.millis(), direct.peakRssMb(),
          worker.peakRssMb(), direct.peakHeapMb(), worker.peakHeapMb(), worker.s3ServerCpuMs()));
    }
    double[] ratios = new double[measurements.size() / 2];
    long directTotal = 0;
    long workerTotal = 0;
    for (int i = 0; i < ratios.length; i++) {
      ratios[i] = (double) measurements.get(2 * i + 1).millis() / measurements.get(2 * i).millis();
      directTotal += measurements.get(2 * i).millis();
      workerTotal += measurements.get(2 * i + 1).millis();
    }
    java.util.Arrays.sort(ratios);
    text.append(String.format("median of the rounds' ratios worker/direct %.3f; all rounds together %.3f%n", ratios[ratios.length / 2],
        (double) workerTotal / directTotal));
    text.append(comparison.line(TARGET)).append('\n');
    System.out.print(text);
    Files.writeString(Path.of("target", "transform-benchmark.txt"), text.toString());
  }
}
