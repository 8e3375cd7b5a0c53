package dev.eider.e2e.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The CPU time each process of the test cluster used since {@link #start}: the API server, etcd,
 * the controller-manager, the operator and this test JVM, read from {@code /proc/<pid>/stat}. On
 * 2 shared cores, a window's length follows the CPU all of them spend in it, so this tells whose
 * work made it longer.
 */
final class ProcessCpu {

  /** {@code /proc/<pid>/stat} counts in clock ticks, 100 a second on Linux. */
  private static final double TICKS_PER_SECOND = 100.0;

  private final long operatorPid;
  private final Map<String, Long> before;

  private ProcessCpu(long operatorPid) {
    this.operatorPid = operatorPid;
    this.before = ticks();
  }

  static ProcessCpu start(long operatorPid) {
    return new ProcessCpu(operatorPid);
  }

  /** Seconds of CPU per process since the start, e.g. {@code {apiserver=3.92, etcd=1.01, ...}}. */
  Map<String, String> secondsSinceStart() {
    Map<String, String> used = new TreeMap<>();
    ticks().forEach((name, ticks) -> used.put(name, String.format("%.2f", (ticks - before.getOrDefault(name, 0L)) / TICKS_PER_SECOND)));
    return used;
  }

  private Map<String, Long> ticks() {
    Map<String, Long> ticks = new TreeMap<>();
    long self = ProcessHandle.current().pid();
    ProcessHandle.allProcesses().forEach(process -> {
      String command = process.info().command().orElse("");
      String name = command.endsWith("/kube-apiserver") ? "apiserver" : command.endsWith("/etcd") ? "etcd"
          : command.endsWith("/kube-controller-manager") ? "kcm" : process.pid() == operatorPid ? "operator"
          : process.pid() == self ? "test" : null;
      if (name != null) {
        cpuTicks(process.pid()).ifPresent(value -> ticks.merge(name, value, Long::sum));
      }
    });
    return ticks;
  }

  /** utime + stime, fields 14 and 15 of the stat line (counted after the command in parentheses, which may hold spaces). */
  private static Optional<Long> cpuTicks(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Optional.of(Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
    } catch (IOException | RuntimeException e) {
      // A process that exited in between: it has nothing left to count.
      return Optional.empty();
    }
  }
}
