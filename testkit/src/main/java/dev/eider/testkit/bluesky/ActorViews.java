package dev.eider.testkit.bluesky;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Renders actors in the three app.bsky.actor.defs shapes the API returns. */
final class ActorViews {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private ActorViews() {
    }

    /** profileViewBasic: post authors, repost reasons, starter pack creators. */
    static ObjectNode basic(BlueskyActor actor) {
        ObjectNode node = JSON.objectNode();
        node.put("did", actor.did());
        node.put("handle", actor.handle());
        if (actor.displayName() != null) {
            node.put("displayName", actor.displayName());
        }
        if (actor.avatarUrl() != null) {
            node.put("avatar", actor.avatarUrl());
        }
        node.putObject("associated").putObject("activitySubscription").put("allowSubscriptions", "followers");
        node.putArray("labels");
        node.put("createdAt", Timestamps.format(actor.createdAt()));
        return node;
    }

    /** profileView: list items and list creators; adds the bio and indexedAt. */
    static ObjectNode profile(BlueskyActor actor) {
        ObjectNode node = basic(actor);
        if (actor.description() != null) {
            node.put("description", actor.description());
        }
        node.put("indexedAt", Timestamps.format(actor.createdAt()));
        return node;
    }

    /** profileViewDetailed: getProfile, with counts and the pinned post. */
    static ObjectNode detailed(BlueskyActor actor, boolean createdStarterPack, long postsCount, Post pinned) {
        ObjectNode node = JSON.objectNode();
        node.put("did", actor.did());
        node.put("handle", actor.handle());
        if (actor.displayName() != null) {
            node.put("displayName", actor.displayName());
        }
        if (actor.avatarUrl() != null) {
            node.put("avatar", actor.avatarUrl());
        }
        ObjectNode associated = node.putObject("associated");
        associated.put("lists", createdStarterPack ? 1 : 0);
        associated.put("feedgens", 0);
        associated.put("starterPacks", createdStarterPack ? 1 : 0);
        associated.put("labeler", false);
        associated.putObject("activitySubscription").put("allowSubscriptions", "followers");
        node.putArray("labels");
        node.put("createdAt", Timestamps.format(actor.createdAt()));
        if (actor.description() != null) {
            node.put("description", actor.description());
        }
        node.put("indexedAt", Timestamps.format(actor.createdAt()));
        node.put("followersCount", actor.followersCount());
        node.put("followsCount", actor.followsCount());
        node.put("postsCount", postsCount);
        if (pinned != null) {
            node.putObject("pinnedPost").put("uri", pinned.uri()).put("cid", pinned.cid());
        }
        return node;
    }
}
