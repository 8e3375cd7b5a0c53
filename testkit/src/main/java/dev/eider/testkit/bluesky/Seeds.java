package dev.eider.testkit.bluesky;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Derives deterministic random streams from a few numbers, so any piece of generated content can be
 * rebuilt from (dataset seed, actor seed, index) alone instead of being kept in memory.
 * {@link SplittableRandom} is used because its algorithm is specified, so a seed gives the same
 * content on every JDK.
 */
final class Seeds {

    private Seeds() {
    }

    static long mix(long... parts) {
        long h = 0x9E3779B97F4A7C15L;
        for (long part : parts) {
            h = avalanche(h ^ avalanche(part + 0x632BE59BD9B4E019L));
        }
        return h;
    }

    static long of(String text) {
        long h = 0xCBF29CE484222325L; // FNV-1a: stable across JVMs, unlike String.hashCode() mixing tricks
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xFF;
            h *= 0x100000001B3L;
        }
        return avalanche(h);
    }

    static SplittableRandom rng(long... parts) {
        return new SplittableRandom(mix(parts));
    }

    private static long avalanche(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
