package dev.eider.testkit.bluesky;

import dev.eider.testkit.bluesky.PostComposer.Media;
import java.time.Instant;
import java.util.SplittableRandom;

/**
 * Builds item {@code index} of an actor's author feed from (actor seed, index) alone. The cheap
 * {@link Shape} (what kind of item, what media) is decided from its own random stream, so feed
 * filters and counts can look at millions of items without composing any text.
 */
final class FeedGenerator {

    enum Kind { POST, REPLY, REPOST, QUOTE }

    enum ReplyStyle { NONE, SELF_THREAD, TO_OTHER, CONVERSATION }

    /** What item an index holds, without its content. */
    record Shape(Kind kind, Media media, ReplyStyle replyStyle) {
    }

    private static final long SHAPE = 0x5A4E;
    private static final long CONTENT = 0xC047;

    private final PostComposer composer;
    private final NetworkPosts network;

    FeedGenerator(PostComposer composer, NetworkPosts network) {
        this.composer = composer;
        this.network = network;
    }

    Shape shape(BlueskyActor actor, long index) {
        SplittableRandom rng = Seeds.rng(actor.seed(), index, SHAPE);
        Kind kind = kind(rng.nextInt(100));
        int mediaRoll = rng.nextInt(100);
        int replyRoll = rng.nextInt(100);
        Media media = switch (kind) {
            case POST -> mediaRoll < 45 ? Media.NONE : mediaRoll < 70 ? Media.LINK_CARD
                    : mediaRoll < 95 ? Media.IMAGES : Media.VIDEO;
            case QUOTE -> mediaRoll < 60 ? Media.NONE : mediaRoll < 90 ? Media.IMAGES
                    : mediaRoll < 95 ? Media.LINK_CARD : Media.VIDEO;
            default -> Media.NONE;
        };
        ReplyStyle style = ReplyStyle.NONE;
        if (kind == Kind.REPLY) {
            // A self-thread continues the previous item, which must then be a top-level post.
            boolean canThread = index > 0 && kind(Seeds.rng(actor.seed(), index - 1, SHAPE).nextInt(100)) == Kind.POST;
            style = canThread && replyRoll < 40 ? ReplyStyle.SELF_THREAD
                    : replyRoll < 70 ? ReplyStyle.CONVERSATION : ReplyStyle.TO_OTHER;
        }
        return new Shape(kind, media, style);
    }

    FeedEntry entry(BlueskyActor actor, long index) {
        Shape shape = shape(actor, index);
        Instant at = Instant.ofEpochMilli(actor.timeline().sortAtMillis(index));
        SplittableRandom rng = Seeds.rng(actor.seed(), index, CONTENT);
        return switch (shape.kind()) {
            case POST -> new FeedEntry(index, at, composer.original(rng, actor, at, shape.media(), false), null, null);
            case QUOTE -> {
                Post quoted = rng.nextBoolean() ? network.trending(at, rng.nextInt(NetworkPosts.TRENDING_PER_DAY))
                        : network.recent(at, rng);
                yield new FeedEntry(index, at, composer.quote(rng, actor, at, quoted, shape.media()), null, null);
            }
            case REPOST -> repost(actor, index, at, rng);
            case REPLY -> reply(actor, index, at, rng, shape.replyStyle());
        };
    }

    /** The post an actor pinned, or -1: a third of the actors pin one of their early posts. */
    long pinnedIndex(BlueskyActor actor) {
        if (Math.floorMod(actor.seed(), 3) != 0) {
            return -1;
        }
        for (long i = Math.floorMod(actor.seed(), 7); i < actor.feedSize(); i++) {
            if (shape(actor, i).kind() == Kind.POST) {
                return i;
            }
        }
        return -1;
    }

    /** Posts the actor wrote (everything but reposts), as the profile's postsCount shows. */
    long postsCount(BlueskyActor actor) {
        long count = 0;
        for (long i = 0; i < actor.feedSize(); i++) {
            if (kind(Seeds.rng(actor.seed(), i, SHAPE).nextInt(100)) != Kind.REPOST) {
                count++;
            }
        }
        return count;
    }

    private FeedEntry repost(BlueskyActor actor, long index, Instant at, SplittableRandom rng) {
        Post target = rng.nextInt(5) < 4 ? network.trending(at, rng.nextInt(NetworkPosts.TRENDING_PER_DAY))
                : network.recent(at, rng);
        String uri = "at://" + actor.did() + "/app.bsky.feed.repost/" + AtIds.tid(at, rng.nextInt(1024));
        String cid = AtIds.recordCid(uri + '\n' + target.uri());
        return new FeedEntry(index, at, target, null, new FeedEntry.Repost(actor, uri, cid, at));
    }

    private FeedEntry reply(BlueskyActor actor, long index, Instant at, SplittableRandom rng, ReplyStyle style) {
        Post root;
        Post parent;
        BlueskyActor grandparentAuthor = null;
        switch (style) {
            case SELF_THREAD -> {
                root = entry(actor, index - 1).post();
                parent = root;
            }
            case CONVERSATION -> {
                root = network.recent(at, rng);
                parent = network.replyTo(root, at, rng);
                grandparentAuthor = root.author();
            }
            default -> {
                root = network.recent(at, rng);
                parent = root;
            }
        }
        Post post = composer.reply(rng, actor, at, root, parent);
        return new FeedEntry(index, at, post, new FeedEntry.ReplyContext(root, parent, grandparentAuthor), null);
    }

    private static Kind kind(int roll) {
        return roll < 46 ? Kind.POST : roll < 64 ? Kind.REPLY : roll < 84 ? Kind.REPOST : Kind.QUOTE;
    }
}
