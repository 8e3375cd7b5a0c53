package dev.eider.operator.asset.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.eider.contract.result.ResultMessage;
import dev.eider.contract.result.ResultReader;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * An exit 0 counts only with the worker's result: each message below is refused naming what is
 * wrong, and the results the worker really writes (positive controls) are read.
 */
class WorkerResultTest {

  /** What each command of the worker writes on success, as its code builds it. */
  static final Map<String, String> WORKER_RESULTS = Map.of(
      "version", "{\"command\":\"version\",\"version\":\"0.1.0\",\"java\":\"17.0.12+7\"}",
      "ingest author-feed", "{\"command\":\"ingest author-feed\",\"actor\":\"did:plc:abc\",\"filter\":\"posts_no_replies\","
          + "\"mode\":\"incremental\",\"items\":40,\"pages\":1,\"retries\":0,\"newestItemAt\":\"2025-03-10T11:00:00Z\","
          + "\"objectKey\":\"raw/feed/2025-03-10/did%3Aplc%3Aabc/r1.ndjson.gz\",\"bytes\":1234,\"asset\":\"feed\","
          + "\"partition\":\"did:plc:abc\",\"runId\":\"r1\"}",
      "ingest starter-pack", "{\"command\":\"ingest starter-pack\",\"starterPack\":\"at://did:plc:a/app.bsky.graph.starterpack/x\","
          + "\"name\":\"\",\"list\":\"at://did:plc:a/app.bsky.graph.list/y\",\"items\":2,\"pages\":1,\"retries\":0,"
          + "\"partitions\":[\"did:plc:b\",\"did:plc:c\"],\"objectKey\":\"raw/pack/k.ndjson.gz\",\"bytes\":99}",
      "transform --check-asset", "{\"command\":\"transform\",\"warehouse\":\"s3://bucket/warehouse/eider.duckdb\","
          + "\"raw\":[{\"table\":\"raw_feed\",\"asset\":\"feed\",\"loaded\":1,\"reloaded\":0,\"skipped\":3,\"rows\":40}],"
          + "\"models\":[{\"name\":\"posts\",\"rows\":40,\"ms\":12}],\"durationMs\":900,\"asset\":\"posts\",\"passed\":true,"
          + "\"warnings\":1,\"checks\":[{\"name\":\"has_rows\",\"passed\":true,\"severity\":\"error\",\"failingRows\":0,"
          + "\"message\":\"40 rows\"},{\"name\":\"fresh\",\"passed\":false,\"severity\":\"warn\",\"blocking\":true,"
          + "\"sample\":[\"2025-03-01\"],\"message\":null}]}",
      "db clone", "{\"command\":\"db clone\",\"from\":\"eider\",\"to\":\"eider_branch_x\",\"replace\":false}",
      "db drop", "{\"command\":\"db drop\",\"database\":\"eider_branch_x\",\"outcome\":\"dropped\",\"objectsPrefix\":\"raw/branches/x\","
          + "\"objectsDeleted\":3}");

  @TestFactory
  Stream<DynamicTest> whatTheWorkerWritesIsRead() {
    return WORKER_RESULTS.entrySet().stream().map(entry -> DynamicTest.dynamicTest(entry.getKey(), () -> {
      assertThatCode(() -> ResultReader.success(entry.getValue())).doesNotThrowAnyException();
      RunOutcome outcome = RunOutcomes.fromTermination(0, entry.getValue(), RunOutcomesTest.AT);
      assertThat(outcome.kind()).isEqualTo(RunOutcome.Kind.SUCCEEDED);
      assertThat(outcome.reason()).isNull();
    }));
  }

  @TestFactory
  Stream<DynamicTest> anythingElseIsRefusedNamingWhatIsWrong() {
    String ok = "\"command\": \"ingest author-feed\"";
    Map<String, String[]> corpus = new LinkedHashMap<>();
    corpus.put("empty", new String[] {"", "exit 0 without a result: the termination message is empty"});
    corpus.put("blank", new String[] {"  \n", "the termination message is blank, not a JSON object"});
    corpus.put("garbage", new String[] {"OK", "the termination message is not JSON: Unrecognized token 'OK': was expecting"});
    corpus.put("cut by Kubernetes", new String[] {cut(), "the termination message is not JSON (it fills the 4096 bytes Kubernetes keeps: "
        + "it was probably cut): Unexpected end-of-input"});
    corpus.put("oversized", new String[] {"{" + ok + ", \"pad\": \"" + "a".repeat(5000) + "\"}",
        "the termination message holds at least 5044 bytes, more than the 4096 Kubernetes keeps"});
    corpus.put("oversized in UTF-8 only", new String[] {"{" + ok + ", \"pad\": \"" + "é".repeat(2100) + "\"}",
        "the termination message holds 4244 bytes, more than the 4096 Kubernetes keeps"});
    corpus.put("trailing garbage", new String[] {"{" + ok + "} rm -rf", "the termination message is not JSON: Unrecognized token 'rm'"});
    corpus.put("two objects", new String[] {"{" + ok + "}{" + ok + "}", "the termination message is not JSON: Trailing token"});
    corpus.put("duplicate field", new String[] {"{" + ok + ", \"items\": 1, \"items\": 2}", "the termination message is not JSON: Duplicate field 'items'"});
    corpus.put("a list", new String[] {"[" + "\"did:plc:a\"]", "the termination message is a list, not a JSON object"});
    corpus.put("a string", new String[] {"\"done\"", "the termination message is a string, not a JSON object"});
    corpus.put("no command", new String[] {"{\"items\": 3}", "command is missing: every worker result names its command"});
    corpus.put("command not text", new String[] {"{\"command\": 7}", "command is a number: every worker result names its command"});
    corpus.put("an error", new String[] {"{" + ok + ", \"error\": \"boom\\u0000\\n\"}", "exit 0, but the result reports an error: boom\\u0000\\u000a"});
    corpus.put("items as text", new String[] {"{" + ok + ", \"items\": \"many\"}", "items is a string, not a count"});
    corpus.put("items negative", new String[] {"{" + ok + ", \"items\": -1}", "items is a negative number, not a count"});
    corpus.put("items fraction", new String[] {"{" + ok + ", \"items\": 1.5}", "items is a fraction, not a count"});
    corpus.put("items too large", new String[] {"{" + ok + ", \"items\": 99999999999999999999}", "items is a number too large, not a count"});
    corpus.put("models not a list", new String[] {"{" + ok + ", \"models\": {\"name\": \"m\"}}", "models is an object, not a list"});
    corpus.put("model not an object", new String[] {"{" + ok + ", \"models\": [\"m\"]}", "models[0] is a string, not an object"});
    corpus.put("model without name", new String[] {"{" + ok + ", \"models\": [{\"name\": \"m\", \"rows\": 1}, {\"rows\": 1}]}",
        "models[1].name is missing, not text"});
    corpus.put("model rows as text", new String[] {"{" + ok + ", \"models\": [{\"name\": \"m\", \"rows\": \"1\"}]}", "models[0].rows is a string, not a count"});
    corpus.put("checks not a list", new String[] {"{" + ok + ", \"checks\": true}", "checks is a boolean, not a list"});
    corpus.put("check passed as text", new String[] {"{" + ok + ", \"checks\": [{\"name\": \"c\", \"passed\": \"yes\"}]}",
        "checks[0].passed is a string, not true or false"});
    corpus.put("check without passed", new String[] {"{" + ok + ", \"checks\": [{\"name\": \"c\"}]}", "checks[0].passed is missing, not true or false"});
    corpus.put("check name as object", new String[] {"{" + ok + ", \"checks\": [{\"name\": {}, \"passed\": true}]}", "checks[0].name is an object, not text"});
    corpus.put("check severity as list", new String[] {"{" + ok + ", \"checks\": [{\"name\": \"c\", \"passed\": true, \"severity\": []}]}",
        "checks[0].severity is a list, not text"});
    corpus.put("check failingRows as text", new String[] {"{" + ok + ", \"checks\": [{\"name\": \"c\", \"passed\": false, \"failingRows\": \"3\"}]}",
        "checks[0].failingRows is a string, not a count"});
    corpus.put("partitionsGzip as number", new String[] {"{" + ok + ", \"partitionsGzip\": 5}", "partitionsGzip is a number, not base64 text"});
    return corpus.entrySet().stream().map(entry -> DynamicTest.dynamicTest(entry.getKey(), () -> {
      RunOutcome outcome = RunOutcomes.fromTermination(0, entry.getValue()[0], RunOutcomesTest.AT);
      assertThat(outcome.kind()).isEqualTo(RunOutcome.Kind.PERMANENT);
      assertThat(outcome.reason()).isEqualTo(FailureReason.InvalidResult);
      assertThat(outcome.materialized()).isFalse();
      assertThat(outcome.published()).isNull();
      assertThat(outcome.message()).startsWith("invalid result: " + entry.getValue()[1]).hasSizeLessThan(300);
    }));
  }

  @Test
  void aResultThatFillsTheMessageExactlyIsRead() {
    String head = "{\"command\": \"ingest author-feed\", \"pad\": \"";
    String full = head + "a".repeat(ResultMessage.MAX_BYTES - head.length() - 2) + "\"}";
    assertThat(full).hasSize(ResultMessage.MAX_BYTES);

    assertThat(RunOutcomes.fromTermination(0, full, RunOutcomesTest.AT).kind()).isEqualTo(RunOutcome.Kind.SUCCEEDED);
    assertThat(RunOutcomes.fromTermination(0, full.replace("\"pad\": \"a", "\"pad\": \"aa"), RunOutcomesTest.AT).message())
        .isEqualTo("invalid result: the termination message holds at least 4097 bytes, more than the 4096 Kubernetes keeps");
  }

  /** A transform result of 4096 bytes as the kubelet keeps it: the first 4096 bytes of a longer one. */
  private static String cut() {
    String whole = "{\"command\": \"transform\", \"models\": [" + "{\"name\": \"m\", \"rows\": 1},".repeat(200) + "{\"name\": \"m\", \"rows\": 1}]}";
    return whole.substring(0, ResultMessage.MAX_BYTES);
  }
}
