package dev.eider.testkit.bluesky;

import dev.eider.testkit.bluesky.FeedGenerator.Kind;
import dev.eider.testkit.bluesky.PostComposer.Media;
import java.util.Arrays;

/** The {@code filter} values of getAuthorFeed and which feed items each keeps. */
enum AuthorFeedFilter {
    POSTS_WITH_REPLIES,
    POSTS_NO_REPLIES,
    POSTS_WITH_MEDIA,
    POSTS_AND_AUTHOR_THREADS,
    POSTS_WITH_VIDEO;

    /** Unknown values fall back to the default: the lexicon lists known values, it does not restrict them. */
    static AuthorFeedFilter parse(String value) {
        return Arrays.stream(values()).filter(f -> f.name().equalsIgnoreCase(value)).findFirst()
                .orElse(POSTS_WITH_REPLIES);
    }

    boolean accepts(FeedGenerator.Shape shape) {
        boolean own = shape.kind() != Kind.REPOST;
        return switch (this) {
            case POSTS_WITH_REPLIES -> true;
            case POSTS_NO_REPLIES -> shape.kind() != Kind.REPLY;
            case POSTS_WITH_MEDIA -> own && (shape.media() == Media.IMAGES || shape.media() == Media.VIDEO);
            case POSTS_AND_AUTHOR_THREADS -> shape.kind() != Kind.REPLY
                    || shape.replyStyle() == FeedGenerator.ReplyStyle.SELF_THREAD;
            case POSTS_WITH_VIDEO -> own && shape.media() == Media.VIDEO;
        };
    }
}
