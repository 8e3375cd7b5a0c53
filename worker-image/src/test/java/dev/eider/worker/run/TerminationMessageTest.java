package dev.eider.worker.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eider.contract.exit.ExitCodes;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TerminationMessageTest {

  @TempDir Path dir;

  @Test
  void resultLargerThanKubernetesKeepsIsRefusedNotCut() {
    TerminationMessage message = new TerminationMessage(dir.resolve("log"));
    assertThatThrownBy(() -> message.write(TerminationMessage.newResult("x").put("big", "y".repeat(5000))))
        .isInstanceOf(WorkerFailure.class)
        .hasMessageContaining("exceeds the 4096-byte termination message");
    assertThat(dir.resolve("log")).doesNotExist();
  }

  @Test
  void longFailureIsShortenedToValidJsonOnOneLine() throws Exception {
    Path path = dir.resolve("log");
    new TerminationMessage(path).writeFailure("first line\nsecond " + "z".repeat(9000), ExitCodes.FAILED);

    String written = Files.readString(path);
    assertThat(written.getBytes()).hasSizeLessThanOrEqualTo(TerminationMessage.MAX_BYTES);
    assertThat(new ObjectMapper().readTree(written).path("error").asText()).startsWith("first line second zzz").endsWith("...");
  }
}
