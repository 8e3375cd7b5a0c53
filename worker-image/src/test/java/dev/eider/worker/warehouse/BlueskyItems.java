package dev.eider.worker.warehouse;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;

/**
 * Builds raw items in the wire format of the real API (see the recorded getAuthorFeed and getList
 * responses): feedViewPost {post: postView, reply?, reason?} and list items {uri, subject}.
 * camelCase fields, {@code $type} on records, embeds and facets, as the AppView returns them.
 */
final class BlueskyItems {

  static final ObjectMapper JSON = new ObjectMapper();

  private BlueskyItems() {}

  static ObjectNode actor(String did, String handle, String displayName) {
    ObjectNode actor = JSON.createObjectNode().put("did", did).put("handle", handle).put("displayName", displayName);
    actor.putArray("labels");
    actor.put("createdAt", "2026-11-01T00:00:00.000Z");
    return actor;
  }

  static ObjectNode listItem(String uri, ObjectNode profile) {
    ObjectNode item = JSON.createObjectNode().put("uri", uri);
    item.set("subject", profile.deepCopy()
        .put("description", "Profile of " + profile.path("handle").asText())
        .put("indexedAt", "2026-11-01T00:00:00.000Z"));
    return item;
  }

  /** A postView whose record was created at {@code createdAt} (as the client wrote it). */
  static Post post(String uri, ObjectNode author, String text, String createdAt, String indexedAt) {
    return new Post(uri, author, text, createdAt, indexedAt);
  }

  /** A post under construction: counts, facets, embeds, reply reference. */
  static final class Post {
    final ObjectNode view = JSON.createObjectNode();
    final ObjectNode record;

    private Post(String uri, ObjectNode author, String text, String createdAt, String indexedAt) {
      view.put("uri", uri).put("cid", "bafy" + Integer.toHexString(uri.hashCode()));
      view.set("author", author.deepCopy());
      record = view.putObject("record");
      record.put("text", text).put("$type", "app.bsky.feed.post");
      record.putArray("langs").add("en");
      record.put("createdAt", createdAt);
      counts(0, 0, 0, 0);
      view.put("indexedAt", indexedAt);
      view.putArray("labels");
    }

    Post counts(int likes, int reposts, int replies, int quotes) {
      view.put("bookmarkCount", 0).put("replyCount", replies).put("repostCount", reposts)
          .put("likeCount", likes).put("quoteCount", quotes);
      return this;
    }

    /** A facet over the first occurrence of {@code covered} in the text (byte offsets, UTF-8). */
    Post linkFacet(String covered, String uri) {
      return facet(covered, JSON.createObjectNode().put("uri", uri).put("$type", "app.bsky.richtext.facet#link"));
    }

    Post mentionFacet(String covered, String did) {
      return facet(covered, JSON.createObjectNode().put("did", did).put("$type", "app.bsky.richtext.facet#mention"));
    }

    Post tagFacet(String covered, String tag) {
      return facet(covered, JSON.createObjectNode().put("tag", tag).put("$type", "app.bsky.richtext.facet#tag"));
    }

    private Post facet(String covered, ObjectNode feature) {
      String text = record.path("text").asText();
      int start = text.substring(0, text.indexOf(covered)).getBytes(StandardCharsets.UTF_8).length;
      ArrayNode facets = record.has("facets") ? (ArrayNode) record.get("facets") : record.putArray("facets");
      ObjectNode facet = facets.addObject();
      facet.putObject("index").put("byteEnd", start + covered.getBytes(StandardCharsets.UTF_8).length).put("byteStart", start);
      facet.putArray("features").add(feature);
      return this;
    }

    Post externalEmbed(String uri, String title) {
      ObjectNode embed = record.putObject("embed").put("$type", "app.bsky.embed.external");
      embed.putObject("external").put("uri", uri).put("title", title).put("description", "");
      ObjectNode shown = view.putObject("embed");
      shown.putObject("external").put("uri", uri).put("title", title).put("description", "");
      shown.put("$type", "app.bsky.embed.external#view");
      return this;
    }

    Post imagesEmbed() {
      ObjectNode embed = record.putObject("embed").put("$type", "app.bsky.embed.images");
      ObjectNode image = embed.putArray("images").addObject().put("alt", "a mountain");
      image.putObject("image").put("$type", "blob").put("mimeType", "image/jpeg").put("size", 869)
          .putObject("ref").put("$link", "bafkreieigjjadsvvmhzts3m357qrvvzkrwbgmwszozleiibyqmgzkxzswi");
      return this;
    }

    /** A quote with a link card: app.bsky.embed.recordWithMedia {record: {record: ref}, media: external}. */
    Post quoteWithLinkCard(String quotedUri, String linkUri) {
      ObjectNode embed = record.putObject("embed").put("$type", "app.bsky.embed.recordWithMedia");
      embed.putObject("record").put("$type", "app.bsky.embed.record")
          .putObject("record").put("cid", "bafyquoted").put("uri", quotedUri);
      ObjectNode media = embed.putObject("media").put("$type", "app.bsky.embed.external");
      media.putObject("external").put("uri", linkUri).put("title", "a video").put("description", "");
      return this;
    }

    Post replyTo(String rootUri, String parentUri) {
      ObjectNode reply = record.putObject("reply");
      reply.putObject("root").put("cid", "bafyroot").put("uri", rootUri);
      reply.putObject("parent").put("cid", "bafyparent").put("uri", parentUri);
      return this;
    }

    /** The feed item of the post in its author's feed (a reply carries its thread context). */
    ObjectNode item() {
      ObjectNode item = JSON.createObjectNode();
      item.set("post", view.deepCopy());
      if (record.has("reply")) {
        ObjectNode reply = item.putObject("reply");
        reply.putObject("root").put("uri", record.path("reply").path("root").path("uri").asText())
            .put("$type", "app.bsky.feed.defs#postView");
        reply.putObject("parent").put("uri", record.path("reply").path("parent").path("uri").asText())
            .put("$type", "app.bsky.feed.defs#postView");
      }
      return item;
    }

    /** The feed item of a repost: the ORIGINAL post, with the reposter in {@code reason.by}. */
    ObjectNode repostedBy(ObjectNode reposter, String repostUri, String repostIndexedAt) {
      ObjectNode item = JSON.createObjectNode();
      item.set("post", view.deepCopy());
      item.putObject("reason").<ObjectNode>set("by", reposter.deepCopy())
          .put("uri", repostUri).put("cid", "bafyrepost").put("indexedAt", repostIndexedAt)
          .put("$type", "app.bsky.feed.defs#reasonRepost");
      return item;
    }
  }
}
