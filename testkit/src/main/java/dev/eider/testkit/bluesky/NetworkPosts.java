package dev.eider.testkit.bluesky;

import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Posts by accounts outside the starter pack, which members repost, quote and reply to. Each is
 * addressed by (author, hour) or (day, rank) rather than stored, so any feed item can point at one
 * without memory. A few "trending" posts per day are what most reposts target: the same post then
 * shows up in several members' feeds, as on the real network (dedup logic needs that).
 */
final class NetworkPosts {

    static final int TRENDING_PER_DAY = 3;
    private static final long HOUR = 3_600_000L;
    private static final long DAY = 24 * HOUR;

    private final long seed;
    private final List<BlueskyActor> authors;
    private final PostComposer composer;

    NetworkPosts(long seed, List<BlueskyActor> authors, PostComposer composer) {
        if (authors.size() < 2) {
            throw new IllegalArgumentException("the network needs at least two outside authors");
        }
        this.seed = seed;
        this.authors = List.copyOf(authors);
        this.composer = composer;
    }

    /** One of the day's trending posts created before {@code before} (yesterday's if today's is later). */
    Post trending(Instant before, int rank) {
        long day = Math.floorDiv(before.toEpochMilli(), DAY);
        Post post = trendingOn(day, rank);
        return post.createdAt().isBefore(before) ? post : trendingOn(day - 1, rank);
    }

    /** An ordinary outside post from the 24 hours before {@code before}. */
    Post recent(Instant before, SplittableRandom choice) {
        long hour = Math.floorDiv(before.toEpochMilli(), HOUR) - 1 - choice.nextInt(24);
        int author = choice.nextInt(authors.size());
        SplittableRandom rng = Seeds.rng(seed, 0x0B5E, author, hour);
        Instant at = Instant.ofEpochMilli(hour * HOUR + rng.nextLong(HOUR));
        return composer.original(rng, authors.get(author), at, media(rng), false);
    }

    /** A reply by another outside account to {@code root}, half-way between root and {@code before}. */
    Post replyTo(Post root, Instant before, SplittableRandom choice) {
        int index = choice.nextInt(authors.size());
        BlueskyActor author = authors.get(index).did().equals(root.author().did())
                ? authors.get((index + 1) % authors.size()) : authors.get(index);
        long created = root.createdAt().toEpochMilli();
        Instant at = Instant.ofEpochMilli(created + (before.toEpochMilli() - created) / 2);
        return composer.reply(Seeds.rng(choice.nextLong()), author, at, root, root);
    }

    private Post trendingOn(long day, int rank) {
        SplittableRandom rng = Seeds.rng(seed, 0x7E4D, day, rank);
        BlueskyActor author = ContentCatalog.pick(rng, authors);
        Instant at = Instant.ofEpochMilli(day * DAY + rng.nextLong(6 * HOUR));
        return composer.original(rng, author, at, media(rng), true);
    }

    private static PostComposer.Media media(SplittableRandom rng) {
        int roll = rng.nextInt(20);
        return roll < 10 ? PostComposer.Media.NONE : roll < 14 ? PostComposer.Media.LINK_CARD
                : roll < 19 ? PostComposer.Media.IMAGES : PostComposer.Media.VIDEO;
    }
}
