package dev.eider.testkit.bluesky;

/** A blob reference as stored in records: {"$type":"blob","ref":{"$link":cid},"mimeType","size"}. */
public record Blob(String cid, String mimeType, long size) {
}
