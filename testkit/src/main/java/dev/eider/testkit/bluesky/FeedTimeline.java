package dev.eider.testkit.bluesky;

/**
 * When each item of a feed happened, computed from its index instead of stored, so a feed of
 * millions of items costs nothing. Item i sits at {@code start + i * spacing + jitter(i)} with
 * jitter below 4/5 of the spacing: times strictly increase with the index (the feed, newest first,
 * strictly decreases), and appending items never moves existing ones.
 */
record FeedTimeline(long startMillis, long spacingMillis, long jitterSeed) {

    FeedTimeline {
        if (spacingMillis < 10) {
            throw new IllegalArgumentException("spacing must leave room for strictly increasing millis");
        }
    }

    long sortAtMillis(long index) {
        long jitter = Math.floorMod(Seeds.mix(jitterSeed, index), spacingMillis * 4 / 5);
        return startMillis + index * spacingMillis + jitter;
    }

    /** The index of the newest of the first {@code size} items strictly older than millis, or -1. */
    long indexBefore(long millis, long size) {
        if (size <= 0 || millis <= sortAtMillis(0)) {
            return -1;
        }
        long index = Math.min(size - 1, Math.floorDiv(millis - startMillis, spacingMillis));
        while (index >= 0 && sortAtMillis(index) >= millis) {
            index--;
        }
        return index;
    }
}
