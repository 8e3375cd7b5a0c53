package dev.eider.worker.warehouse;

import dev.eider.contract.env.WorkerEnv;
import dev.eider.worker.run.WorkerFailure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Properties;

/**
 * What DuckDB may use in a container, set as configuration options when a database is opened (so
 * they hold before anything runs, an extension load included).
 *
 * <p>Memory and threads come from the container's limits, which the operator passes through the
 * Downward API: {@value #MEMORY_ENV} (limits.memory, bytes) and {@value #CPU_ENV} (limits.cpu,
 * whole cores, rounded up). DuckDB gets {@value #MEMORY_PERCENT}% of the memory limit: the JVM heap
 * is capped at 25% by the image ({@code -XX:MaxRAMPercentage}), and the rest is for the JVM's own
 * native memory and DuckDB's allocations outside its buffer pool. Unset: DuckDB's defaults (80% of
 * the RAM it sees, one thread per core).
 *
 * <p>Files always go under {@code java.io.tmpdir} (the pod's writable emptyDir): spilled data
 * ({@code temp_directory}, by default next to the database file or {@code .tmp} in the working
 * directory, both read-only in the image) and DuckDB's home ({@code home_directory}, by default
 * {@code $HOME}, where extensions and secrets would go; the image has no writable HOME).
 */
public record DuckDbResources(OptionalLong memoryLimitBytes, OptionalInt threads, Path workDirectory) {

  public static final String MEMORY_ENV = WorkerEnv.MEMORY_LIMIT_BYTES;
  public static final String CPU_ENV = WorkerEnv.CPU_LIMIT;
  /** DuckDB's share of the container's memory limit. */
  public static final int MEMORY_PERCENT = 50;

  private static final long MIB = 1024L * 1024L;

  /** No limits: DuckDB's own defaults for memory and threads, files still under java.io.tmpdir. */
  public static DuckDbResources defaults() {
    return new DuckDbResources(OptionalLong.empty(), OptionalInt.empty(), tmpWorkDirectory());
  }

  public static DuckDbResources fromEnvironment(Map<String, String> env) {
    OptionalLong memory = OptionalLong.empty();
    String memoryValue = env.get(MEMORY_ENV);
    if (memoryValue != null && !memoryValue.isBlank()) {
      long bytes = positiveLong(MEMORY_ENV, memoryValue, "a whole number of bytes (the container's limits.memory)");
      if (bytes * MEMORY_PERCENT / 100 < MIB) {
        throw WorkerFailure.badInput(MEMORY_ENV + " '" + memoryValue + "' leaves DuckDB less than 1 MiB ("
            + MEMORY_PERCENT + "% of it): give the container more memory");
      }
      memory = OptionalLong.of(bytes);
    }
    OptionalInt threads = OptionalInt.empty();
    String cpuValue = env.get(CPU_ENV);
    if (cpuValue != null && !cpuValue.isBlank()) {
      long cores = positiveLong(CPU_ENV, cpuValue, "a whole number of cores (the container's limits.cpu, rounded up)");
      if (cores > Integer.MAX_VALUE) {
        throw WorkerFailure.badInput(CPU_ENV + " '" + cpuValue + "' is not a plausible number of cores");
      }
      threads = OptionalInt.of((int) cores);
    }
    return new DuckDbResources(memory, threads, tmpWorkDirectory());
  }

  /** DuckDB's {@code memory_limit}: its share of the container's limit, in whole MiB. */
  public OptionalLong memoryLimitMib() {
    return memoryLimitBytes.isPresent() ? OptionalLong.of(memoryLimitBytes.getAsLong() * MEMORY_PERCENT / 100 / MIB)
        : OptionalLong.empty();
  }

  /**
   * Adds the options to the properties a database of {@code database} (its JDBC URL) is opened with.
   * DuckDB shares one instance per file among a process's connections and refuses a second open
   * with other options, so the spill directory is derived from the database, not drawn at random.
   */
  public Properties configure(Properties properties, String database) {
    memoryLimitMib().ifPresent(mib -> properties.setProperty("memory_limit", mib + "MiB"));
    threads.ifPresent(n -> properties.setProperty("threads", Integer.toString(n)));
    properties.setProperty("temp_directory", workDirectory.resolve("spill").resolve(shortHash(database)).toString());
    properties.setProperty("home_directory", home().toString());
    return properties;
  }

  /** DuckDB's home, created: DuckDB refuses one that does not exist ("Can't find the home directory"). */
  private Path home() {
    Path home = workDirectory.resolve("home");
    try {
      return Files.createDirectories(home);
    } catch (IOException e) {
      throw WorkerFailure.failed("cannot create DuckDB's home directory " + home + " under java.io.tmpdir: " + e.getMessage(), e);
    }
  }

  private static Path tmpWorkDirectory() {
    return Path.of(System.getProperty("java.io.tmpdir"), "eider-duckdb");
  }

  private static long positiveLong(String name, String value, String what) {
    try {
      long parsed = Long.parseLong(value.strip());
      if (parsed > 0) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below, with the variable's name
    }
    throw WorkerFailure.badInput(name + " '" + value + "' is not " + what);
  }

  private static String shortHash(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK ships SHA-256", e);
    }
  }
}
