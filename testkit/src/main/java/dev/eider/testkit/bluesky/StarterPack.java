package dev.eider.testkit.bluesky;

import java.time.Instant;

/**
 * The dataset's starter pack (app.bsky.graph.starterpack) and the list it points at
 * (app.bsky.graph.list, purpose referencelist). Members are in {@link BlueskyDataset#listMembers()}.
 */
public record StarterPack(String uri, String cid, String name, String description, Instant createdAt,
                          BlueskyActor creator, String listUri, String listCid, String listName,
                          String listDescription, Instant listCreatedAt, int joinedWeekCount,
                          int joinedAllTimeCount) {
}
