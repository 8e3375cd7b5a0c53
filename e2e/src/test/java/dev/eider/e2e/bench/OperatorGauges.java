package dev.eider.e2e.bench;

import dev.eider.e2e.local.OperatorProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the benchmarks read from a running operator process: its reconcile timer, its memory. */
final class OperatorGauges {

  private OperatorGauges() {}

  static double reconcileCount(OperatorProcess operator) {
    return metric(operator.metrics(), "eider_asset_reconcile_seconds_count");
  }

  static double reconcileSeconds(OperatorProcess operator) {
    return metric(operator.metrics(), "eider_asset_reconcile_seconds_sum");
  }

  private static double metric(String metrics, String name) {
    Matcher value = Pattern.compile("^" + name + "(\\{[^}]*})? ([0-9.eE+-]+)$", Pattern.MULTILINE).matcher(metrics);
    return value.find() ? Double.parseDouble(value.group(2)) : 0;
  }

  /** Resident memory of the operator's process now (VmRSS), in bytes. */
  static long residentBytes(OperatorProcess operator) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(operator.pid()), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    throw new IllegalStateException("no VmRSS for process " + operator.pid());
  }

  /** Live objects after a full GC: the total and the classes that hold the most, from jcmd GC.class_histogram. */
  record Histogram(long liveBytes, List<String> top) {}

  private static final Pattern TOTAL = Pattern.compile("^Total\\s+\\d+\\s+(\\d+)\\s*$", Pattern.MULTILINE);

  /** The class histogram (it runs a full GC first, so it counts live objects only), whichever collector runs. */
  static Histogram histogram(OperatorProcess operator, int top) {
    String output = jcmd(operator, "GC.class_histogram");
    Matcher total = TOTAL.matcher(output);
    if (!total.find()) {
      throw new IllegalStateException("no Total line in jcmd GC.class_histogram: " + output.lines().limit(5).toList());
    }
    List<String> lines = output.lines().filter(line -> line.matches("\\s*\\d+:\\s+\\d+\\s+\\d+\\s+\\S.*")).limit(top).map(String::strip).toList();
    return new Histogram(Long.parseLong(total.group(1)), lines);
  }

  private static String jcmd(OperatorProcess operator, String command) {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    try {
      Process process = new ProcessBuilder(jcmd.toString(), Long.toString(operator.pid()), command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes());
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException("jcmd " + command + " failed: " + output);
      }
      return output;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
