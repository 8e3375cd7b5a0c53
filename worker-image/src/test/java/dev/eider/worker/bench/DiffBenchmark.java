package dev.eider.worker.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eider.worker.diff.RowChanges;
import dev.eider.worker.diff.TableComparer;
import dev.eider.worker.diff.TableDiff;
import dev.eider.worker.diff.TableRef;
import dev.eider.worker.warehouse.DuckDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data diff of two 1,000,000-row tables that differ in 1% of their rows ({@link TableComparer})
 * against the same figures computed by one hand-written DuckDB query, on the same connection, in
 * alternating order: warm-up, then the median of {@code bench.repeats} runs each. Asserts that both
 * find the same differences and that the diff takes at most 1.2x the hand-written query; prints the
 * peak RSS (DuckDB's memory is native: the JVM heap does not show it) under a 1 GB DuckDB limit. Run
 * with {@code mvn -B -pl worker-image -am test -Pbench -Dtest=DiffBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@EnabledIfSystemProperty(named = "eider.bench", matches = "true")
class DiffBenchmark {

  static final int ROWS = Integer.getInteger("bench.rows", 1_000_000);
  static final int REPEATS = Integer.getInteger("bench.repeats", 5);
  static final double TARGET = 1.2;

  @TempDir Path dir;

  @Test
  void diffVersusOneHandWrittenQuery() throws Exception {
    try (Connection db = DuckDb.inMemory(); Statement statement = db.createStatement()) {
      statement.execute("SET memory_limit = '1GB'");
      statement.execute("ATTACH " + DuckDb.literal(dir.resolve("prod.duckdb").toString()) + " AS prod");
      statement.execute("ATTACH " + DuckDb.literal(dir.resolve("br.duckdb").toString()) + " AS br");
      // 1% of rows differ: 0.5% changed values, 0.25% removed, 0.25% added.
      statement.execute("CREATE TABLE prod.t AS SELECT range AS k, (range % 1000)::INTEGER AS a, range * 0.5 AS b,"
          + " 'name ' || (range % 50000) AS s, DATE '2026-01-01' + (range % 365)::INTEGER AS d FROM range(" + ROWS + ")");
      statement.execute("CREATE TABLE br.t AS SELECT k, CASE WHEN k % 200 = 0 THEN a + 1 ELSE a END AS a, b, s, d"
          + " FROM prod.t WHERE k % 400 <> 1 UNION ALL SELECT " + ROWS + " + range, 7, 1.5, 'new', DATE '2026-06-01'"
          + " FROM range(" + ROWS / 400 + ")");
      long rssBefore = peakRssMb();

      TableComparer comparer = new TableComparer(db);
      TableRef base = new TableRef("prod", "main", "t");
      TableRef branch = new TableRef("br", "main", "t");
      long[] expected = handWritten(db);
      TableDiff warm = comparer.compare(base, branch, List.of("k"));
      assertThat(warm.rows()).contains(new RowChanges(ROWS / 400, ROWS / 400, ROWS / 200, ROWS - ROWS / 400 - ROWS / 200));
      assertThat(new long[] {warm.rows().get().added(), warm.rows().get().removed(), warm.rows().get().changed()})
          .isEqualTo(expected);

      List<Long> diffMs = new ArrayList<>();
      List<Long> handMs = new ArrayList<>();
      for (int i = 0; i < REPEATS; i++) {
        if (i % 2 == 0) {
          handMs.add(time(() -> handWritten(db)));
          diffMs.add(time(() -> comparer.compare(base, branch, List.of("k"))));
        } else {
          diffMs.add(time(() -> comparer.compare(base, branch, List.of("k"))));
          handMs.add(time(() -> handWritten(db)));
        }
      }
      long diff = median(diffMs);
      long hand = median(handMs);
      double ratio = (double) diff / hand;
      System.out.printf(Locale.ROOT, "diff of 2 x %,d rows (1%% differ): eider %d ms, hand-written query %d ms "
          + "(medians of %d; all: %s vs %s), ratio %.2f (target %.1f); peak RSS %d MB (before the runs %d MB)%n",
          ROWS, diff, hand, REPEATS, diffMs, handMs, ratio, TARGET, peakRssMb(), rssBefore);
      assertThat(ratio).as("diff time / hand-written query time").isLessThanOrEqualTo(TARGET);
    }
  }

  /**
   * The same figures as one query: both sides' column profiles and the join's row and column
   * counts, the way one would write it by hand (without the diff's key-uniqueness check).
   */
  private static long[] handWritten(Connection db) throws Exception {
    String profile = "count(*), count(*) - count(k), count(DISTINCT k), min(k), max(k), avg(k),"
        + " count(*) - count(a), count(DISTINCT a), min(a), max(a), avg(a),"
        + " count(*) - count(b), count(DISTINCT b), min(b), max(b), avg(b),"
        + " count(*) - count(s), count(DISTINCT s), min(s), max(s),"
        + " count(*) - count(d), count(DISTINCT d), min(d), max(d)";
    String sql = "WITH bp AS (SELECT " + profile + " FROM prod.t), np AS (SELECT " + profile + " FROM br.t),"
        + " j AS (SELECT count(*) FILTER (WHERE b.k IS NULL) AS added, count(*) FILTER (WHERE n.k IS NULL) AS removed,"
        + " count(*) FILTER (WHERE b.k IS NOT NULL AND n.k IS NOT NULL AND (b.a IS DISTINCT FROM n.a"
        + " OR b.b IS DISTINCT FROM n.b OR b.s IS DISTINCT FROM n.s OR b.d IS DISTINCT FROM n.d)) AS changed,"
        + " count(*) FILTER (WHERE b.a IS DISTINCT FROM n.a AND b.k IS NOT NULL AND n.k IS NOT NULL),"
        + " count(*) FILTER (WHERE b.b IS DISTINCT FROM n.b AND b.k IS NOT NULL AND n.k IS NOT NULL),"
        + " count(*) FILTER (WHERE b.s IS DISTINCT FROM n.s AND b.k IS NOT NULL AND n.k IS NOT NULL),"
        + " count(*) FILTER (WHERE b.d IS DISTINCT FROM n.d AND b.k IS NOT NULL AND n.k IS NOT NULL)"
        + " FROM prod.t b FULL OUTER JOIN br.t n ON b.k = n.k)"
        + " SELECT j.added, j.removed, j.changed FROM bp, np, j";
    try (Statement statement = db.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
      rs.next();
      return new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)};
    }
  }

  interface Work {
    void run() throws Exception;
  }

  private static long time(Work work) throws Exception {
    long start = System.nanoTime();
    work.run();
    return (System.nanoTime() - start) / 1_000_000;
  }

  private static long median(List<Long> values) {
    List<Long> sorted = values.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }

  private static long peakRssMb() throws Exception {
    return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmHWM:"))
        .map(l -> Long.parseLong(l.replaceAll("\\D", "")) / 1024).findFirst().orElse(-1L);
  }
}
