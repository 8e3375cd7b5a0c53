package dev.eider.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eider.contract.exit.ExitCodes;
import dev.eider.worker.run.TerminationMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contract every command shares: exit codes and a JSON termination message. */
class WorkerMainTest {

  @TempDir Path dir;

  @Test
  void successfulCommandWritesItsResult() throws Exception {
    Path message = dir.resolve("termination-log");

    int exitCode = WorkerMain.run(Map.of(TerminationMessage.PATH_ENV, message.toString()), "version");

    assertThat(exitCode).isEqualTo(ExitCodes.OK);
    JsonNode result = new ObjectMapper().readTree(Files.readString(message));
    assertThat(result.path("command").asText()).isEqualTo("version");
    assertThat(result.path("java").asText()).isNotBlank();
  }

  /**
   * The operator fails a run that exits 0 without a readable result, so a result that cannot be
   * written must not exit 0: here the path is a directory, as an unwritable kubelet file would be.
   */
  @Test
  void successfulCommandWhoseResultCannotBeWrittenFails() throws Exception {
    Path notAFile = Files.createDirectory(dir.resolve("termination-log"));

    int exitCode = WorkerMain.run(Map.of(TerminationMessage.PATH_ENV, notAFile.toString()), "version");

    assertThat(exitCode).isEqualTo(ExitCodes.FAILED);
  }

  @Test
  void unknownCommandIsBadInputWithAOneLineReason() throws Exception {
    Path message = dir.resolve("termination-log");

    int exitCode = WorkerMain.run(Map.of(TerminationMessage.PATH_ENV, message.toString()), "ingets");

    assertThat(exitCode).isEqualTo(ExitCodes.BAD_INPUT);
    JsonNode failure = new ObjectMapper().readTree(Files.readString(message));
    assertThat(failure.path("error").asText()).contains("ingets").doesNotContain("\n");
    assertThat(failure.path("exitCode").asInt()).isEqualTo(ExitCodes.BAD_INPUT);
  }
}
