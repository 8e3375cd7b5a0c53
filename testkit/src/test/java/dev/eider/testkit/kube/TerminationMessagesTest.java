package dev.eider.testkit.kube;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TerminationMessagesTest {

  @TempDir Path dir;

  @Test
  void messageIsCutAt4096Bytes() throws Exception {
    Path message = Files.writeString(dir.resolve("m"), "x".repeat(5000));
    assertThat(TerminationMessages.read(message, dir.resolve("log"), "File", 0)).hasSize(4096);
  }

  @Test
  void failureWithoutMessageFallsBackToTheLogTailWhenAsked() throws Exception {
    Path log = Files.writeString(dir.resolve("log"),
        IntStream.rangeClosed(1, 100).mapToObj(i -> "line " + i).collect(Collectors.joining("\n")));
    String fallback = TerminationMessages.read(dir.resolve("none"), log, "FallbackToLogsOnError", 1);
    assertThat(fallback.split("\n")).hasSize(80);
    assertThat(fallback).endsWith("line 100").startsWith("line 21");
    assertThat(TerminationMessages.read(dir.resolve("none"), log, "File", 1)).isEmpty();
    assertThat(TerminationMessages.read(dir.resolve("none"), log, "FallbackToLogsOnError", 0)).isEmpty();
  }
}
