package dev.eider.worker.warehouse;

import static dev.eider.worker.warehouse.BlueskyItems.actor;
import static dev.eider.worker.warehouse.BlueskyItems.listItem;
import static dev.eider.worker.warehouse.BlueskyItems.post;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eider.worker.storage.ObjectLayout;
import dev.eider.worker.storage.ObjectStore;
import dev.eider.worker.warehouse.BlueskyItems.Post;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * A small Bluesky world as the ingestion commands store it: two snapshots of a starter pack's list
 * and five author-feed snapshots of its members, with reposts (of a member's and of an outsider's
 * post, one repost seen in two snapshots), a reply, a quote with a link card, link facets and
 * external embeds, and posts whose newest counts come from another member's feed. The expected
 * marts are written out by hand in {@link WarehouseTransformTest}.
 */
final class SampleFixture {

  static final String PACK = "at://did:plc:alice/app.bsky.graph.starterpack/pack1";
  static final String LIST_ASSET = "starter-pack-snapshot";
  static final String FEED_ASSET = "actor-feed-snapshot";

  static final ObjectNode ALICE = actor("did:plc:alice", "alice.test", "Alice");
  static final ObjectNode BOB_OLD = actor("did:plc:bob", "bob.test", "Bob");
  static final ObjectNode BOB = actor("did:plc:bob", "bob.example", "Bob");
  static final ObjectNode CAROL = actor("did:plc:carol", "carol.test", "Carol");
  static final ObjectNode DAN = actor("did:plc:dan", "dan.test", "Dan");
  /** Not a member: members repost and quote her. */
  static final ObjectNode ERIN = actor("did:plc:erin", "erin.test", "Erin");

  static final String P0 = "at://did:plc:alice/app.bsky.feed.post/p0";
  static final String P1 = "at://did:plc:alice/app.bsky.feed.post/p1";
  static final String P2 = "at://did:plc:bob/app.bsky.feed.post/p2";
  static final String P3 = "at://did:plc:alice/app.bsky.feed.post/p3";
  static final String P4 = "at://did:plc:alice/app.bsky.feed.post/p4";
  static final String P5 = "at://did:plc:erin/app.bsky.feed.post/p5";
  static final String P6 = "at://did:plc:bob/app.bsky.feed.post/p6";
  static final String P7 = "at://did:plc:dan/app.bsky.feed.post/p7";
  static final String P8 = "at://did:plc:dan/app.bsky.feed.post/p8";
  static final String P9 = "at://did:plc:alice/app.bsky.feed.post/p9";

  private SampleFixture() {}

  /** Writes every raw object of the fixture under {@code prefix}; returns their keys. */
  static List<String> write(ObjectStore store, String prefix) {
    List<String> keys = new ArrayList<>();
    keys.add(put(store, prefix, LIST_ASSET, "2026-11-23", PACK, "20261123T000000Z-11111111", List.of(
        listItem("at://did:plc:alice/app.bsky.graph.listitem/1", ALICE),
        listItem("at://did:plc:alice/app.bsky.graph.listitem/2", BOB_OLD),
        listItem("at://did:plc:alice/app.bsky.graph.listitem/3", CAROL))));
    // The newest snapshot: carol left, dan joined, bob changed his handle.
    keys.add(put(store, prefix, LIST_ASSET, "2026-11-24", PACK, "20261124T000000Z-22222222", List.of(
        listItem("at://did:plc:alice/app.bsky.graph.listitem/1", ALICE),
        listItem("at://did:plc:alice/app.bsky.graph.listitem/2", BOB),
        listItem("at://did:plc:alice/app.bsky.graph.listitem/4", DAN))));

    Post p0 = post(P0, ALICE, "Good morning, notes at example.org/blog/hello", "2026-11-23T08:00:00.000Z", "2026-11-23T08:00:00.000Z")
        .linkFacet("example.org/blog/hello", "https://example.org/blog/hello");
    // Written in +01:00: 00:30 local is 23:30 UTC the day before.
    Post p1 = post(P1, ALICE, "Reading the AT Protocol docs at atproto.com/guides/overview #atproto",
        "2026-11-24T00:30:00+01:00", "2026-11-23T23:30:01.500Z")
        .linkFacet("atproto.com/guides/overview", "https://atproto.com/guides/overview")
        .tagFacet("#atproto", "atproto")
        .externalEmbed("https://atproto.com/guides/overview", "AT Protocol Overview");
    Post p2 = post(P2, BOB, "Shipping a new release today", "2026-11-24T01:00:00.000Z", "2026-11-24T01:00:00.000Z");
    Post p3 = post(P3, ALICE, "Congrats! Built on github.com/duckdb/duckdb", "2026-11-24T02:00:00.000Z", "2026-11-24T02:00:00.000Z")
        .linkFacet("github.com/duckdb/duckdb", "https://github.com/duckdb/duckdb")
        .replyTo(P2, P2).counts(1, 0, 0, 0);
    Post p4 = post(P4, ALICE, "This release, explained in a video", "2026-11-24T03:00:00.000Z", "2026-11-24T03:00:00.000Z")
        .quoteWithLinkCard(P2, "https://www.youtube.com/watch?v=abc123").counts(6, 0, 1, 0);
    Post p5 = post(P5, ERIN, "DuckDB is great: github.com/duckdb/duckdb", "2026-11-24T04:00:00.000Z", "2026-11-24T04:00:00.000Z")
        .linkFacet("github.com/duckdb/duckdb", "https://github.com/duckdb/duckdb").counts(100, 20, 10, 5);
    Post p6 = post(P6, BOB, "Two reads for @alice.test: bob.substack.com/p/hello and nytimes.com/2026/11/24/technology/data.html, code at github.com/apache/arrow",
        "2026-11-24T10:00:00.000Z", "2026-11-24T10:00:00.000Z")
        .mentionFacet("@alice.test", "did:plc:alice")
        .linkFacet("bob.substack.com/p/hello", "https://bob.substack.com/p/hello")
        .linkFacet("nytimes.com/2026/11/24/technology/data.html", "https://www.nytimes.com/2026/11/24/technology/data.html")
        .linkFacet("github.com/apache/arrow", "https://github.com/apache/arrow")
        .counts(2, 0, 0, 0);
    Post p7 = post(P7, DAN, "Hiking photos", "2026-11-22T15:00:00.000Z", "2026-11-22T15:00:00.000Z").imagesEmbed();
    Post p8 = post(P8, DAN, "Notes on json", "2026-11-24T11:00:00.000Z", "2026-11-24T11:00:00.000Z")
        .externalEmbed("https://docs.python.org/3/library/json.html", "json").counts(1, 0, 0, 0);
    Post p9 = post(P9, ALICE, "Day two", "2026-11-25T05:00:00.000Z", "2026-11-25T05:00:00.000Z");

    String repostOfP2 = "at://did:plc:alice/app.bsky.feed.repost/r2";
    keys.add(put(store, prefix, FEED_ASSET, "2026-11-23", "did:plc:alice", "20261123T120000Z-a0a0a0a0", List.of(
        p0.counts(1, 0, 0, 0).item())));
    keys.add(put(store, prefix, FEED_ASSET, "2026-11-24", "did:plc:alice", "20261124T060000Z-a1a1a1a1", List.of(
        p5.repostedBy(ALICE, "at://did:plc:alice/app.bsky.feed.repost/r5", "2026-11-24T05:30:00.000Z"),
        p4.item(),
        p3.item(),
        p2.counts(4, 1, 1, 1).repostedBy(ALICE, repostOfP2, "2026-11-24T05:00:00.000Z"),
        p1.counts(10, 1, 2, 1).item(),
        p0.counts(3, 0, 0, 0).item())));
    keys.add(put(store, prefix, FEED_ASSET, "2026-11-24", "did:plc:bob", "20261124T120000Z-b1b1b1b1", List.of(
        p6.item(),
        p1.counts(11, 1, 2, 1).repostedBy(BOB, "at://did:plc:bob/app.bsky.feed.repost/r1", "2026-11-24T06:30:00.000Z"),
        p2.counts(5, 1, 1, 1).item())));
    List<ObjectNode> dan = new ArrayList<>(List.of(p8.item(), p7.item()));
    for (int i = 11; i >= 1; i--) {
      String hour = String.format("%02d", i);
      dan.add(post("at://did:plc:dan/app.bsky.feed.post/f" + i, DAN, "Filler " + i,
          "2026-11-21T" + hour + ":00:00.000Z", "2026-11-21T" + hour + ":00:00.000Z").counts(i, 0, 0, 0).item());
    }
    keys.add(put(store, prefix, FEED_ASSET, "2026-11-24", "did:plc:dan", "20261124T130000Z-d1d1d1d1", dan));
    // A day later alice's feed still shows her repost of P2 (same repost), with newer counts.
    keys.add(put(store, prefix, FEED_ASSET, "2026-11-25", "did:plc:alice", "20261125T060000Z-a2a2a2a2", List.of(
        p9.item(),
        p2.counts(7, 1, 1, 1).repostedBy(ALICE, repostOfP2, "2026-11-24T05:00:00.000Z"))));
    return keys;
  }

  /** Writes one raw object: gzip NDJSON, one item per line, at the key the ingestion commands use. */
  static String put(ObjectStore store, String prefix, String asset, String day, String partition, String runId,
      List<ObjectNode> items) {
    String key = (prefix.isEmpty() ? "" : prefix + "/") + asset + "/" + day + "/"
        + ObjectLayout.encodePartition(partition) + "/" + runId + ObjectLayout.SUFFIX;
    StringBuilder lines = new StringBuilder();
    items.forEach(item -> lines.append(item).append('\n'));
    putBytes(store, key, gzip(lines.toString()));
    return key;
  }

  static void putBytes(ObjectStore store, String key, byte[] bytes) {
    store.s3().putObject(b -> b.bucket(store.bucket()).key(key), RequestBody.fromBytes(bytes));
  }

  static byte[] gzip(String text) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }
}
