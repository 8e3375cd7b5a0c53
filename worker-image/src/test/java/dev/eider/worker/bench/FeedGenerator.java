package dev.eider.worker.bench;

import java.time.Instant;
import java.util.SplittableRandom;

/**
 * Generates getAuthorFeed items (feedViewPost JSON, the API's camelCase wire format) for the
 * benchmark, fast: plain string building, deterministic from (member, post index, run). Posts are
 * shared between runs (a member's consecutive snapshots overlap) and between feeds (reposts of
 * other members' posts), so deduplication does real work.
 */
final class FeedGenerator {

  static final Instant START = Instant.parse("2026-10-01T00:00:00Z");
  private static final String[] WORDS = {"data", "pipeline", "duckdb", "bluesky", "kubernetes", "operator", "today",
      "release", "notes", "thread", "query", "partition", "stream", "latency", "incremental", "snapshot", "warehouse"};
  private static final String[] LINKS = {"https://www.youtube.com/watch?v=", "https://github.com/duckdb/duckdb/pull/",
      "https://someone.substack.com/p/post-", "https://medium.com/@writer/story-", "https://www.reddit.com/r/dataengineering/comments/",
      "https://www.nytimes.com/2026/10/01/technology/article-", "https://docs.duckdb.org/docs/sql/functions/",
      "https://blog.example.dev/posts/", "https://www.twitch.tv/videos/", "https://example.com/page/"};

  private final int members;

  FeedGenerator(int members) {
    this.members = members;
  }

  static String did(int member) {
    return "did:plc:member" + String.format("%06d", member) + "bench";
  }

  /** A list item of the starter pack: {uri, subject: profileView}. */
  String listItem(int member) {
    StringBuilder out = new StringBuilder(600);
    out.append("{\"uri\":\"at://").append(did(0)).append("/app.bsky.graph.listitem/").append(member).append("\",\"subject\":");
    profile(out, member, true);
    return out.append('}').toString();
  }

  /** Item {@code index} of member {@code member}'s feed as seen in snapshot {@code run}. */
  String item(int member, int index, int run) {
    SplittableRandom random = new SplittableRandom(member * 1_000_003L + index);
    int kind = random.nextInt(100);
    StringBuilder out = new StringBuilder(2400);
    if (kind < 20) {
      // A repost: the original post of another member, with this member in reason.by.
      int author = random.nextInt(members);
      int original = random.nextInt(Math.max(1, index));
      out.append("{\"post\":");
      post(out, author, original, run, new SplittableRandom(author * 1_000_003L + original), false);
      out.append(",\"reason\":{\"by\":");
      profile(out, member, false);
      out.append(",\"uri\":\"at://").append(did(member)).append("/app.bsky.feed.repost/r").append(index)
          .append("\",\"cid\":\"bafyreirepost").append(index).append("\",\"indexedAt\":\"")
          .append(time(member, index).plusSeconds(60)).append("\",\"$type\":\"app.bsky.feed.defs#reasonRepost\"}}");
      return out.toString();
    }
    out.append("{\"post\":");
    post(out, member, index, run, random, true);
    if (kind >= 80 && kind < 95 && index > 0) {
      String parent = postUri(member, index - 1);
      out.append(",\"reply\":{\"root\":{\"uri\":\"").append(parent).append("\",\"cid\":\"bafyreiroot\",\"author\":");
      profile(out, member, false);
      out.append(",\"$type\":\"app.bsky.feed.defs#postView\"},\"parent\":{\"uri\":\"").append(parent)
          .append("\",\"cid\":\"bafyreiparent\",\"$type\":\"app.bsky.feed.defs#postView\"}}");
    }
    return out.append('}').toString();
  }

  private void post(StringBuilder out, int member, int index, int run, SplittableRandom random, boolean own) {
    int shape = random.nextInt(100);
    String uri = postUri(member, index);
    Instant at = time(member, index);
    out.append("{\"uri\":\"").append(uri).append("\",\"cid\":\"bafyrei").append(Long.toHexString(random.nextLong()))
        .append("\",\"author\":");
    profile(out, member, false);
    StringBuilder text = new StringBuilder();
    for (int i = 0, n = 6 + random.nextInt(20); i < n; i++) {
      text.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
    }
    String link = LINKS[random.nextInt(LINKS.length)] + random.nextInt(5000);
    if (shape < 25) {
      text.append(link);
    }
    out.append(",\"record\":{\"text\":\"").append(text).append("\",\"$type\":\"app.bsky.feed.post\",\"langs\":[\"en\"]");
    if (shape < 25) {
      int start = text.length() - link.length();
      out.append(",\"facets\":[{\"index\":{\"byteEnd\":").append(text.length()).append(",\"byteStart\":").append(start)
          .append("},\"features\":[{\"uri\":\"").append(link).append("\",\"$type\":\"app.bsky.richtext.facet#link\"}]}]");
    }
    if (shape >= 25 && shape < 40) {
      out.append(",\"embed\":{\"$type\":\"app.bsky.embed.external\",\"external\":{\"uri\":\"").append(link)
          .append("\",\"title\":\"A link card\",\"description\":\"What the page says about itself.\"}}");
    } else if (shape >= 40 && shape < 45) {
      out.append(",\"embed\":{\"$type\":\"app.bsky.embed.recordWithMedia\",\"record\":{\"$type\":\"app.bsky.embed.record\","
          + "\"record\":{\"cid\":\"bafyreiquoted\",\"uri\":\"").append(postUri(random.nextInt(members), index / 2))
          .append("\"}},\"media\":{\"$type\":\"app.bsky.embed.external\",\"external\":{\"uri\":\"").append(link)
          .append("\",\"title\":\"A video\",\"description\":\"\"}}}");
    } else if (shape >= 45 && shape < 50) {
      out.append(",\"embed\":{\"$type\":\"app.bsky.embed.record\",\"record\":{\"cid\":\"bafyreiquoted\",\"uri\":\"")
          .append(postUri(random.nextInt(members), index / 2)).append("\"}}");
    }
    out.append(",\"createdAt\":\"").append(at).append("\"}");
    // Counts grow from one snapshot to the next: the newest version must win.
    int likes = random.nextInt(50) + run;
    out.append(",\"bookmarkCount\":0,\"replyCount\":").append(random.nextInt(8)).append(",\"repostCount\":")
        .append(random.nextInt(10)).append(",\"likeCount\":").append(likes).append(",\"quoteCount\":")
        .append(random.nextInt(3)).append(",\"indexedAt\":\"").append(at.plusMillis(350)).append("\",\"labels\":[]}");
  }

  private static void profile(StringBuilder out, int member, boolean full) {
    out.append("{\"did\":\"").append(did(member)).append("\",\"handle\":\"member").append(member)
        .append(".bsky.social\",\"displayName\":\"Member ").append(member)
        .append("\",\"avatar\":\"https://cdn.bsky.app/img/avatar/plain/").append(did(member))
        .append("/bafkreihz2nlmok44rhpqyxaiktoeqjm3u666bk7qwsgxezjtlqcaf2o6bi@jpeg\",")
        .append("\"associated\":{\"activitySubscription\":{\"allowSubscriptions\":\"followers\"}},\"labels\":[],")
        .append("\"createdAt\":\"2024-02-01T12:00:00.000Z\"");
    if (full) {
      out.append(",\"description\":\"Member ").append(member).append(" posts about data.\",\"indexedAt\":\"2024-02-01T12:00:00.000Z\"");
    }
    out.append('}');
  }

  static String postUri(int member, int index) {
    return "at://" + did(member) + "/app.bsky.feed.post/p" + index;
  }

  static Instant time(int member, int index) {
    return START.plusSeconds(index * 600L + member);
  }
}
