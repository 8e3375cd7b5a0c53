package dev.eider.testkit.bluesky;

/** app.bsky.actor.getProfile and com.atproto.identity.resolveHandle. */
final class ActorMethods {

    static final String GET_PROFILE = "app.bsky.actor.getProfile";
    static final String RESOLVE_HANDLE = "com.atproto.identity.resolveHandle";

    private final BlueskyDataset dataset;

    ActorMethods(BlueskyDataset dataset) {
        this.dataset = dataset;
    }

    XrpcResponse getProfile(XrpcRequest request) {
        String actorParam = new XrpcParams(request).actor("actor");
        BlueskyActor actor = dataset.find(actorParam)
                .orElseThrow(() -> XrpcError.invalidRequest("Profile not found"));
        FeedGenerator generator = dataset.generator();
        long pinned = generator.pinnedIndex(actor);
        boolean creator = dataset.starterPack().creator() == actor;
        return XrpcResponse.ok(ActorViews.detailed(actor, creator, generator.postsCount(actor),
                pinned < 0 ? null : generator.entry(actor, pinned).post()));
    }

    XrpcResponse resolveHandle(XrpcRequest request) {
        String handle = new XrpcParams(request).required("handle");
        BlueskyActor actor = dataset.find(handle).filter(a -> a.handle().equalsIgnoreCase(handle))
                .orElseThrow(() -> XrpcError.invalidRequest("Unable to resolve handle"));
        return XrpcResponse.ok(XrpcResponse.MAPPER.createObjectNode().put("did", actor.did()));
    }
}
