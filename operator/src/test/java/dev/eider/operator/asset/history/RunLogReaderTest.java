package dev.eider.operator.asset.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Reading a run's log tail through pods/log: bounded, and never an exception. */
class RunLogReaderTest {

  LogApiServer server;
  KubernetesClient client;
  RunLogReader reader;

  @BeforeEach
  void start() throws Exception {
    server = new LogApiServer();
    client = server.client();
    reader = new RunLogReader(client);
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  /** What a kubelet answers: the last tailLines lines, then at most limitBytes bytes of them. */
  static LogApiServer.Answer kubelet(String log, Map<String, String> params) {
    List<String> lines = Arrays.asList(log.split("(?<=\n)"));
    int tail = Integer.parseInt(params.getOrDefault("tailLines", "-1"));
    String text = String.join("", tail < 0 ? lines : lines.subList(Math.max(0, lines.size() - tail), lines.size()));
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    int limit = Integer.parseInt(params.getOrDefault("limitBytes", "-1"));
    return LogApiServer.Answer.log(new String(bytes, 0, limit < 0 ? bytes.length : Math.min(limit, bytes.length), StandardCharsets.UTF_8));
  }

  @Test
  void asksTheWorkerContainerForABoundedTail() {
    server.logs.put("run-pod", params -> LogApiServer.Answer.log("starting\nwrote 12 items\n"));

    RunLogReader.Tail tail = reader.read("sales", "run-pod");

    assertThat(tail.text()).isEqualTo("starting\nwrote 12 items\n");
    assertThat(tail.problem()).isNull();
    assertThat(server.logRequests).singleElement().satisfies(request -> {
      assertThat(request).startsWith("run-pod?");
      assertThat(LogApiServer.params(request.substring(request.indexOf('?') + 1)))
          .containsEntry("container", "worker").containsEntry("tailLines", "200").containsEntry("limitBytes", "32768");
    });
  }

  @Test
  void longLastLinesAreAskedForAgainWithFewerLines() {
    // 300 lines of 1,000 characters: the last 200 are 200 KB, cut by the kubelet at 32 KiB from their start.
    String log = IntStream.range(0, 300).mapToObj(i -> String.format("%04d ", i) + "x".repeat(994) + "\n").collect(Collectors.joining());
    server.logs.put("run-pod", params -> kubelet(log, params));

    RunLogReader.Tail tail = reader.read("sales", "run-pod");

    assertThat(server.logRequests).hasSize(2);
    assertThat(server.logRequests.get(1)).contains("tailLines=20");
    // The last 20 lines whole: the log's real end.
    assertThat(tail.text()).hasSize(20_000).startsWith("0280 ").endsWith("x\n");
    assertThat(tail.text().lines()).hasSize(20).last().asString().startsWith("0299 ");
  }

  @Test
  void aServerIgnoringTheLimitStillCostsAtMostTheLimit() {
    // 64 MB of log, sent whatever the request asked for.
    server.logs.put("run-pod", params -> LogApiServer.Answer.endless("y".repeat(1023) + "\n", 64 * 1024));

    RunLogReader.Tail tail = reader.read("sales", "run-pod");

    assertThat(tail.problem()).isNull();
    assertThat(tail.text()).startsWith("yyyy").endsWith("\n" + RunLogReader.cutMarker());
    assertThat(tail.text().length()).isEqualTo(RunLogReader.LIMIT_BYTES + 1 + RunLogReader.cutMarker().length());
    assertThat(server.logRequests).hasSize(2);
  }

  @Test
  void aRefusedReadIsReportedAsSuch() {
    server.logs.put("run-pod", params -> LogApiServer.Answer.error(403, "Forbidden",
        "pods \"run-pod\" is forbidden: User \"system:serviceaccount:eider-system:eider\" cannot get resource \"pods/log\""));

    RunLogReader.Tail tail = reader.read("sales", "run-pod");

    assertThat(tail.text()).isNull();
    assertThat(tail.problem()).isEqualTo("log not read: the operator may not get pods/log in namespace sales (403 Forbidden)");
  }

  @Test
  void aGonePodIsReportedAsSuch() {
    RunLogReader.Tail tail = reader.read("sales", "no-such-pod");

    assertThat(tail.text()).isNull();
    assertThat(tail.problem()).isEqualTo("log not read: pod no-such-pod is gone");
  }

  @Test
  void anUnreachableNodeIsReportedWithTheServersMessage() {
    server.logs.put("run-pod", params -> LogApiServer.Answer.error(500, "InternalError",
        "Get \"https://10.0.0.7:10250/containerLogs/sales/run-pod/worker?limitBytes=32768&tailLines=200\":\n dial tcp 10.0.0.7:10250: connect: no route to host"));

    RunLogReader.Tail tail = reader.read("sales", "run-pod");

    assertThat(tail.text()).isNull();
    assertThat(tail.problem()).startsWith("log not read: 500 Get \"https://10.0.0.7:10250/containerLogs/sales/run-pod/worker")
        .endsWith("dial tcp 10.0.0.7:10250: connect: no route to host").doesNotContain("\n");
  }

  @Test
  void anApiServerThatIsDownIsReportedNotThrown() {
    server.close();

    RunLogReader.Tail tail = reader.read("sales", "run-pod");

    assertThat(tail.text()).isNull();
    assertThat(tail.problem()).startsWith("log not read: ");
  }
}
