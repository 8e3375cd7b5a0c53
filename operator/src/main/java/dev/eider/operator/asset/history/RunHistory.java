package dev.eider.operator.asset.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The last runs of one Asset, newest first, bounded so that it always fits one ConfigMap: at most
 * {@value #MAX_RUNS} runs with at most {@value #MAX_LOG_CHARS} characters of log each stay under
 * 512 KB of JSON even when every character is escaped or two bytes long (half a ConfigMap's 1 MiB).
 * Stored as one JSON array under {@value #DATA_KEY}.
 */
public final class RunHistory {

  public static final String DATA_KEY = "runs.json";
  public static final int MAX_RUNS = 20;
  public static final int MAX_LOG_CHARS = 8 * 1024;
  public static final int MAX_MESSAGE_CHARS = 1024;
  public static final int MAX_PARTITIONS_LISTED = 20;
  static final int MAX_KEY_CHARS = 256;

  private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  private static final TypeReference<List<RunRecord>> RECORDS = new TypeReference<>() { };

  private final List<RunRecord> runs;

  private RunHistory(List<RunRecord> runs) {
    this.runs = List.copyOf(runs);
  }

  public static RunHistory empty() {
    return new RunHistory(List.of());
  }

  /** Newest first. */
  public List<RunRecord> runs() {
    return runs;
  }

  /**
   * This history with {@code run} added as the newest (replacing an older record of the same Job),
   * its fields cut to their bounds and the oldest runs dropped beyond {@value #MAX_RUNS}.
   */
  public RunHistory with(RunRecord run) {
    List<RunRecord> next = new ArrayList<>(MAX_RUNS);
    next.add(bounded(run));
    for (RunRecord older : runs) {
      if (next.size() == MAX_RUNS) {
        break;
      }
      if (!older.job().equals(run.job())) {
        next.add(older);
      }
    }
    return new RunHistory(next);
  }

  public boolean contains(String job) {
    return runs.stream().anyMatch(run -> run.job().equals(job));
  }

  public Map<String, String> toData() {
    try {
      return Map.of(DATA_KEY, JSON.writeValueAsString(runs));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write run history: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * Reads a stored history. Unreadable data (edited by hand, or written by a future version) is an
   * error naming the ConfigMap: the caller decides whether to start over, nothing is guessed.
   */
  public static RunHistory fromData(Map<String, String> data, String configMap) {
    String json = data == null ? null : data.get(DATA_KEY);
    if (json == null || json.isBlank()) {
      return empty();
    }
    try {
      List<RunRecord> read = JSON.readValue(json, RECORDS);
      List<RunRecord> kept = new ArrayList<>();
      for (RunRecord run : read) {
        if (run != null && run.job() != null && kept.size() < MAX_RUNS) {
          kept.add(bounded(run));
        }
      }
      return new RunHistory(kept);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("unreadable run history in ConfigMap " + configMap + " key " + DATA_KEY
          + ": " + e.getOriginalMessage(), e);
    }
  }

  static RunRecord bounded(RunRecord run) {
    List<String> partitions = run.partitions().stream().limit(MAX_PARTITIONS_LISTED)
        .map(key -> head(key, MAX_KEY_CHARS)).toList();
    return new RunRecord(head(run.job(), MAX_KEY_CHARS), partitions,
        Math.max(run.partitionCount(), partitions.size()), run.attempt(), head(run.trigger(), 64),
        run.startedAt(), run.finishedAt(), head(run.outcome(), 64), head(run.reason(), 64), run.exitCode(),
        head(run.message(), MAX_MESSAGE_CHARS), tail(run.logTail(), MAX_LOG_CHARS));
  }

  static String head(String text, int max) {
    if (text == null || text.length() <= max) {
      return text;
    }
    return text.substring(0, max - 1) + "…";
  }

  /**
   * The last {@code max} characters of a log, starting at a line boundary when one is near, with a
   * first line saying how much was left out (so a reader never takes a tail for the whole log).
   */
  static String tail(String log, int max) {
    if (log == null || log.length() <= max) {
      return log;
    }
    String marker = "[" + "%d earlier characters not kept]\n";
    int budget = max - marker.length() - 12;
    int start = log.length() - budget;
    int newline = log.indexOf('\n', start);
    if (newline >= 0 && newline - start < 512) {
      start = newline + 1;
    }
    return marker.formatted(start) + log.substring(start);
  }
}
