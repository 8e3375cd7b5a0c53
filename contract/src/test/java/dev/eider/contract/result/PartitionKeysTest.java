package dev.eider.contract.result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The encoding of published keys: a list while the result fits, else gzip; the reader gives back exactly the keys. */
class PartitionKeysTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aFewKeysGoAsAListInOrderWithoutDuplicates() throws Exception {
    ObjectNode result = ResultMessage.newResult("ingest starter-pack");
    PartitionKeys.put(result, List.of("did:plc:b", "a,b", "did:plc:b", "ü"));
    assertThat(new String(ResultMessage.bytes(result), "UTF-8"))
        .isEqualTo("{\"command\":\"ingest starter-pack\",\"partitions\":[\"did:plc:b\",\"a,b\",\"ü\"]}");
    assertThat(PartitionKeys.read(result)).containsExactly("did:plc:b", "a,b", "ü");
  }

  @Test
  void keysThatDoNotFitAsAListAreGzippedAndReadBack() throws Exception {
    List<String> keys = IntStream.range(0, 150).mapToObj(i -> "did:plc:%024d".formatted(i)).toList();
    ObjectNode result = ResultMessage.newResult("ingest starter-pack");
    PartitionKeys.put(result, keys);
    assertThat(result.has(ResultFields.PARTITIONS)).isFalse();
    assertThat(result.path(ResultFields.PARTITIONS_GZIP).isTextual()).isTrue();
    assertThat(ResultMessage.fits(result)).isTrue();
    assertThat(PartitionKeys.read(JSON.readTree(ResultMessage.bytes(result)))).hasSize(150)
        .startsWith("did:plc:000000000000000000000000").endsWith("did:plc:000000000000000000000149");
  }

  @Test
  void aResultWithoutKeysPublishesNone() throws Exception {
    assertThat(PartitionKeys.read(ResultMessage.newResult("transform"))).isNull();
    ObjectNode empty = ResultMessage.newResult("ingest starter-pack");
    PartitionKeys.put(empty, List.of());
    assertThat(PartitionKeys.read(empty)).isEmpty();
  }

  @Test
  void theWriterRefusesKeysTheReaderWould() {
    ObjectNode result = ResultMessage.newResult("ingest starter-pack");
    assertThatThrownBy(() -> PartitionKeys.put(result, List.of("ok", "two\nlines")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("partition key 1: 'two\\u000alines' contains the non-printable character U+000A");
    assertThatThrownBy(() -> PartitionKeys.put(result, List.of("x".repeat(257))))
        .hasMessageStartingWith("partition key 0: a key of 257 characters is longer than 256");
    assertThatThrownBy(() -> PartitionKeys.put(result, List.of("")))
        .hasMessage("partition key 0: a partition key is empty");
    assertThatThrownBy(() -> PartitionKeys.put(result, IntStream.range(0, 10_001).mapToObj(i -> "k" + i).toList()))
        .hasMessage("10001 partition keys, more than the 10000 a run may publish");
    // The controls: 256 characters, and exactly 10,000 keys, are keys.
    PartitionKeys.put(result, List.of("x".repeat(256)));
    PartitionKeys.put(result, IntStream.range(0, 10_000).mapToObj(i -> "k" + i).toList());
  }
}
