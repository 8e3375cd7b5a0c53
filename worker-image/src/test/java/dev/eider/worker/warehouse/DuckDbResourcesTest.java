package dev.eider.worker.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eider.contract.exit.ExitCodes;
import dev.eider.worker.run.WorkerFailure;
import dev.eider.worker.warehouse.WarehouseLocation.LocalFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DuckDB's memory, threads and files in a container, checked on real DuckDB connections. */
class DuckDbResourcesTest {

  static final Path TMP_WORK = Path.of(System.getProperty("java.io.tmpdir"), "eider-duckdb");

  @TempDir Path dir;

  @Test
  void halfOfTheContainersMemoryInMib() {
    DuckDbResources resources = DuckDbResources.fromEnvironment(Map.of("EIDER_MEMORY_LIMIT_BYTES", "2147483648", "EIDER_CPU_LIMIT", "3"));

    assertThat(resources.memoryLimitMib()).isEqualTo(OptionalLong.of(1024));
    assertThat(resources.threads().getAsInt()).isEqualTo(3);
    assertThat(DuckDbResources.fromEnvironment(Map.of("EIDER_MEMORY_LIMIT_BYTES", "536870912")).memoryLimitMib())
        .isEqualTo(OptionalLong.of(256));
  }

  @Test
  void aWarehouseConnectionRunsWithinTheLimits() throws Exception {
    Map<String, String> env = Map.of("EIDER_MEMORY_LIMIT_BYTES", "2147483648", "EIDER_CPU_LIMIT", "3");

    try (Warehouse warehouse = Warehouses.open(new LocalFile(dir.resolve("limited.duckdb")), env);
         WarehouseSession session = warehouse.open(false)) {
      Connection connection = session.connection();

      // 1024 MiB, as DuckDB prints it. 3 threads: more than this machine's cores, so not a default.
      assertThat(setting(connection, "memory_limit")).isEqualTo("1.0 GiB");
      assertThat(setting(connection, "threads")).isEqualTo("3");
      assertThat(Path.of(setting(connection, "temp_directory"))).startsWithRaw(TMP_WORK.resolve("spill"));
      assertThat(setting(connection, "home_directory")).isEqualTo(TMP_WORK.resolve("home").toString());
    }
  }

  @Test
  void withoutLimitsDuckDbKeepsItsDefaultsButItsFilesStayUnderTmp() throws Exception {
    String defaultMemory;
    String defaultThreads;
    try (Connection plain = DriverManager.getConnection("jdbc:duckdb:")) {
      defaultMemory = setting(plain, "memory_limit");
      defaultThreads = setting(plain, "threads");
    }

    try (Warehouse warehouse = Warehouses.open(new LocalFile(dir.resolve("unlimited.duckdb")), Map.of());
         WarehouseSession session = warehouse.open(false)) {
      Connection connection = session.connection();

      assertThat(setting(connection, "memory_limit")).isEqualTo(defaultMemory).isNotEqualTo("1.0 GiB");
      assertThat(setting(connection, "threads")).isEqualTo(defaultThreads);
      assertThat(Path.of(setting(connection, "temp_directory"))).startsWithRaw(TMP_WORK.resolve("spill"));
    }
  }

  @Test
  void theSameFileOpenedTwiceInOneProcessGetsTheSameOptions() throws Exception {
    // DuckDB shares one instance per file and refuses a second open with different options.
    LocalFile file = new LocalFile(dir.resolve("shared.duckdb"));
    Map<String, String> env = Map.of("EIDER_MEMORY_LIMIT_BYTES", "1073741824");
    try (Warehouse first = Warehouses.open(file, env);
         WarehouseSession one = first.open(false);
         Warehouse second = Warehouses.open(file, env);
         WarehouseSession two = second.open(false)) {
      assertThat(setting(two.connection(), "memory_limit")).isEqualTo("512.0 MiB");
    }
  }

  @Test
  void badValuesAreBadInputNamingTheVariable() {
    assertBadInput(Map.of("EIDER_MEMORY_LIMIT_BYTES", "2Gi"),
        "EIDER_MEMORY_LIMIT_BYTES '2Gi' is not a whole number of bytes (the container's limits.memory)");
    assertBadInput(Map.of("EIDER_MEMORY_LIMIT_BYTES", "-5"),
        "EIDER_MEMORY_LIMIT_BYTES '-5' is not a whole number of bytes (the container's limits.memory)");
    assertBadInput(Map.of("EIDER_MEMORY_LIMIT_BYTES", "1000"),
        "EIDER_MEMORY_LIMIT_BYTES '1000' leaves DuckDB less than 1 MiB (50% of it): give the container more memory");
    assertBadInput(Map.of("EIDER_CPU_LIMIT", "500m"),
        "EIDER_CPU_LIMIT '500m' is not a whole number of cores (the container's limits.cpu, rounded up)");
    assertBadInput(Map.of("EIDER_CPU_LIMIT", "0"),
        "EIDER_CPU_LIMIT '0' is not a whole number of cores (the container's limits.cpu, rounded up)");
  }

  @Test
  void nothingIsWrittenUnderHomeAndTheNativeLibraryGoesToTmp() throws Exception {
    Path home = Files.createDirectory(dir.resolve("home"));
    Path tmp = Files.createDirectory(dir.resolve("tmp"));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder probe = new ProcessBuilder(java, "-Duser.home=" + home, "-Djava.io.tmpdir=" + tmp,
        "-cp", System.getProperty("java.class.path"), DuckDbHomeProbe.class.getName(), dir.resolve("probe.duckdb").toString())
        .redirectErrorStream(true);
    probe.environment().put("HOME", home.toString());
    Process process = probe.start();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();

    assertThat(process.exitValue()).as(output).isZero();
    assertThat(output).contains("native library in tmp: true");
    try (var files = Files.list(home)) {
      assertThat(files).as("HOME").isEmpty();
    }
    // The positive control: the probe's INSTALL did make DuckDB use a home, the one under tmp.
    assertThat(tmp.resolve("eider-duckdb/home/.duckdb/extensions")).isDirectory();
  }

  private static void assertBadInput(Map<String, String> env, String message) {
    assertThatThrownBy(() -> DuckDbResources.fromEnvironment(env))
        .isInstanceOfSatisfying(WorkerFailure.class, f -> assertThat(f.exitCode()).isEqualTo(ExitCodes.BAD_INPUT))
        .hasMessage(message);
  }

  static String setting(Connection connection, String name) throws SQLException {
    try (Statement statement = connection.createStatement();
         ResultSet result = statement.executeQuery("SELECT current_setting('" + name + "')")) {
      result.next();
      return result.getString(1);
    }
  }
}
