package dev.eider.testkit.kube;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A container's log on the test kubelet: kept within a bound, read as the kubelet's containerLogs endpoint reads it. */
class ContainerLogTest {

  @TempDir
  Path dir;

  static String lines(int from, int to) {
    return IntStream.range(from, to).mapToObj(i -> "line " + i + "\n").collect(Collectors.joining());
  }

  static InputStream stream(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  String read(ContainerLog log, long tailLines, long limitBytes) {
    return new String(log.read(tailLines, limitBytes), StandardCharsets.UTF_8);
  }

  @Test
  void keepsWhatTheContainerWroteAndAppendsARestart() {
    ContainerLog log = new ContainerLog(dir.resolve("worker.log"), 1024 * 1024);
    log.capture(stream("starting\nwrote 3 rows\n"));
    log.capture(stream("restarted\n"));

    assertThat(read(log, -1, -1)).isEqualTo("starting\nwrote 3 rows\nrestarted\n");
  }

  @Test
  void tailLinesAreTheLastLinesAndLimitBytesCutsThemFromTheirStart() {
    ContainerLog log = new ContainerLog(dir.resolve("worker.log"), 1024 * 1024);
    log.capture(stream(lines(0, 100)));

    assertThat(read(log, 3, -1)).isEqualTo("line 97\nline 98\nline 99\n");
    assertThat(read(log, 3, 10)).isEqualTo("line 97\nli");
    assertThat(read(log, -1, 14)).isEqualTo("line 0\nline 1\n");
    assertThat(read(log, 0, -1)).isEmpty();
    assertThat(read(log, 1000, -1)).isEqualTo(lines(0, 100));
  }

  @Test
  void aLastLineWithoutNewlineCountsAsALine() {
    ContainerLog log = new ContainerLog(dir.resolve("worker.log"), 1024);
    log.capture(stream("a\nb\nc"));

    assertThat(read(log, 1, -1)).isEqualTo("c");
    assertThat(read(log, 2, -1)).isEqualTo("b\nc");
  }

  @Test
  void aChattyContainerIsRotatedAndKeepsAtMostTwoFiles() throws Exception {
    ContainerLog log = new ContainerLog(dir.resolve("worker.log"), 1000);
    // 10 lines of 10 bytes: 10,000 lines (about 100 KB) through a 1,000-byte file.
    String text = IntStream.range(0, 10_000).mapToObj(i -> String.format("%09d\n", i)).collect(Collectors.joining());
    log.capture(stream(text));

    assertThat(Files.size(dir.resolve("worker.log"))).isBetween(1L, 1000L);
    assertThat(Files.size(dir.resolve("worker.log.1"))).isEqualTo(1000L);
    String kept = read(log, -1, -1);
    assertThat(kept.length()).isBetween(1001, 2000);
    assertThat(text).endsWith(kept);
    assertThat(read(log, 2, -1)).isEqualTo("000009998\n000009999\n");
    try (var files = Files.list(dir)) {
      assertThat(files.map(path -> path.getFileName().toString())).containsExactlyInAnyOrder("worker.log", "worker.log.1");
    }
  }
}
