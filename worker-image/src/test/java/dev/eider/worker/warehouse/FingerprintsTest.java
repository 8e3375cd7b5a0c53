package dev.eider.worker.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Code versions: layout does not count, the query and what it reads do, and a change upstream reaches downstream. */
class FingerprintsTest {

  static ModelGraph graph(String staged, String marts) {
    return ModelGraph.of(SqlProject.load(Map.of()).with(SuppliedModels.of(Map.of("staged", staged, "marts", marts), "test")));
  }

  @Test
  void whitespaceCommentsAndKeywordCaseDoNotCount() {
    ModelGraph plain = graph("SELECT uri, like_count FROM latest_feed", "SELECT count(*) AS n FROM staged");
    ModelGraph laidOut = graph("-- the posts\nselect uri,\n       like_count\n  from latest_feed;", "SELECT count(*) AS n /* all */ FROM staged");

    assertThat(laidOut.fingerprint("staged")).isEqualTo(plain.fingerprint("staged"));
    assertThat(laidOut.fingerprint("marts")).isEqualTo(plain.fingerprint("marts"));
    assertThat(plain.fingerprint("staged").orElseThrow()).hasSize(64);
  }

  @Test
  void aChangeUpstreamChangesEveryFingerprintDownstream() {
    ModelGraph before = graph("SELECT uri, like_count FROM latest_feed", "SELECT count(*) AS n FROM staged");
    ModelGraph after = graph("SELECT uri, like_count FROM latest_feed WHERE NOT is_reply", "SELECT count(*) AS n FROM staged");

    assertThat(after.fingerprint("staged")).isNotEqualTo(before.fingerprint("staged"));
    assertThat(after.fingerprint("marts")).isNotEqualTo(before.fingerprint("marts"));
    // Models the change does not reach keep theirs.
    assertThat(after.fingerprint("latest_feed")).isEqualTo(before.fingerprint("latest_feed"));
    assertThat(after.fingerprint("calendar")).isEqualTo(before.fingerprint("calendar"));
    // A different literal is different code.
    assertThat(graph("SELECT uri, like_count FROM latest_feed", "SELECT count(*) AS m FROM staged").fingerprint("marts"))
        .isNotEqualTo(before.fingerprint("marts"));
  }
}
