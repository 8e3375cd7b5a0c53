/**
 * A fake Bluesky (AT Protocol PDS + AppView) for tests, speaking the real XRPC wire format.
 *
 * <p>{@link dev.eider.testkit.bluesky.FakeBluesky} serves a generated, seeded
 * {@link dev.eider.testkit.bluesky.BlueskyDataset} (a starter pack, its list's members and their
 * author feeds of any length, generated on demand) on 127.0.0.1. Tests steer it through
 * {@link dev.eider.testkit.bluesky.BlueskyFaults} (429s, 5xx, delays, malformed bodies),
 * {@link dev.eider.testkit.bluesky.BlueskySessions} (accounts, token lifetimes, requireAuth) and
 * {@link dev.eider.testkit.bluesky.BlueskyRateLimits}, and observe clients through
 * {@link dev.eider.testkit.bluesky.BlueskyStats}.
 *
 * <p>Served methods: app.bsky.feed.getAuthorFeed, app.bsky.graph.getList,
 * app.bsky.graph.getStarterPack, app.bsky.actor.getProfile, com.atproto.identity.resolveHandle,
 * com.atproto.server.createSession / refreshSession / getSession. Any other method is 501
 * MethodNotImplemented, as on a server that does not implement it.
 */
package dev.eider.testkit.bluesky;
