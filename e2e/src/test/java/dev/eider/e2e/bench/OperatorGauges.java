package dev.eider.e2e.bench;

import dev.eider.e2e.local.OperatorProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the benchmarks read from a running operator process: its reconcile timer, its memory. */
final class OperatorGauges {

  private static final Pattern HEAP_USED = Pattern.compile("garbage-first heap\\s+total \\d+K, used (\\d+)K");

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

  /** The operator's heap in use right after a full GC (jcmd GC.run, then GC.heap_info), in bytes. */
  static long heapAfterGcBytes(OperatorProcess operator) {
    jcmd(operator, "GC.run");
    Matcher used = HEAP_USED.matcher(jcmd(operator, "GC.heap_info"));
    if (!used.find()) {
      throw new IllegalStateException("no G1 heap figure from jcmd GC.heap_info");
    }
    return Long.parseLong(used.group(1)) * 1024;
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
