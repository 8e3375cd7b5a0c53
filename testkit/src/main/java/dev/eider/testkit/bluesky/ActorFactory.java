package dev.eider.testkit.bluesky;

import java.text.Normalizer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Makes plausible accounts from a seed: names from many cultures, handles on bsky.social or on
 * custom domains, optional display names, bios and avatars, and a feed timeline that ends shortly
 * before the dataset's anchor time.
 */
final class ActorFactory {

    private static final List<String> FIRST = List.of("Alice", "Bob", "Carla", "Dan", "Erin", "Priya", "Chen",
            "Jürgen", "Zoë", "Ahmed", "Mariana", "Yuki", "Søren", "Olusegun", "Fatima", "Mateo", "Ingrid", "Kwame",
            "Léa", "Hiroshi", "Ana", "Tomasz", "Noor", "Sven");
    private static final List<String> LAST = List.of("Liddell", "Okafor", "Santos", "Walsh", "Nakamura", "Müller",
            "García", "Haddad", "Kowalski", "Nguyen", "Dubois", "Andersen", "Silva", "Mensah", "Rossi", "Kim");
    private static final List<String> DOMAINS = List.of("dev", "codes", "net", "io", "social");
    private static final List<String> COMPANIES = List.of("Globex", "Initech", "a small startup",
            "Umbrella Analytics", "the city library", "a public broadcaster");
    private static final List<String> BIOS = List.of("Data engineer at %s. %s nerd. Opinions my own.",
            "SRE by day, %2$s by night 🌙", "Building things at %s. Mostly posting about %s.",
            "Datenbanken, Fahrrad, Kaffee ☕ — arbeitet bei %s. Mag %s.",
            "Ingénieure data chez %s. J'aime %s.", "Analytics @ %s. Opinions my own. %s enthusiast.",
            "%2$sが好きなエンジニア。%1$sで働いています。");
    /** Spread a feed over about three years at most, and never more than 45 minutes apart. */
    private static final long MAX_SPAN_MILLIS = Duration.ofDays(3 * 365).toMillis();
    private static final long MAX_SPACING_MILLIS = Duration.ofMinutes(45).toMillis();

    private final Instant anchor;

    ActorFactory(Instant anchor) {
        this.anchor = anchor;
    }

    /** A new actor; {@code handle} may be null to generate one (the caller checks uniqueness). */
    BlueskyActor create(long seed, String handle, int feedLength) {
        SplittableRandom rng = Seeds.rng(seed, 0xAC70);
        String first = ContentCatalog.pick(rng, FIRST);
        String last = ContentCatalog.pick(rng, LAST);
        String did = AtIds.did(rng);
        String chosenHandle = handle != null ? handle.toLowerCase(Locale.ROOT) : handle(rng, first, last);
        String displayName = displayName(rng, first, last);
        String description = rng.nextInt(7) == 0 ? null : String.format(ContentCatalog.pick(rng, BIOS),
                ContentCatalog.pick(rng, COMPANIES), ContentCatalog.topic(rng));
        String avatar = rng.nextInt(10) == 0 ? null : AtIds.blobCid(did + "/avatar");
        String language = ContentCatalog.language(rng);
        int followers = (int) Math.floor(Math.exp(rng.nextDouble() * 9));
        int follows = 20 + rng.nextInt(1500);

        long spacing = Math.max(1_000, Math.min(MAX_SPACING_MILLIS, MAX_SPAN_MILLIS / Math.max(1, feedLength)));
        spacing = Math.max(1_000, (long) (spacing * (0.6 + rng.nextDouble() * 0.8)));
        long end = anchor.toEpochMilli() - rng.nextLong(Duration.ofHours(6).toMillis());
        long start = end - (long) feedLength * spacing;
        Instant createdAt = Instant.ofEpochMilli(start).minus(Duration.ofDays(1 + rng.nextInt(400)));
        return new BlueskyActor(did, chosenHandle, displayName, description, avatar, createdAt, seed, language,
                followers, follows, new FeedTimeline(start, spacing, seed), feedLength);
    }

    private static String handle(SplittableRandom rng, String first, String last) {
        String f = ascii(first);
        String l = ascii(last);
        return switch (rng.nextInt(8)) {
            case 0 -> f + l + "." + ContentCatalog.pick(rng, DOMAINS);
            case 1 -> f + "." + l + ".net";
            case 2 -> f + rng.nextInt(100) + ".bsky.social";
            case 3 -> f + "-" + l + ".bsky.social";
            default -> f + l.charAt(0) + rng.nextInt(10_000) + ".bsky.social";
        };
    }

    private static String displayName(SplittableRandom rng, String first, String last) {
        return switch (rng.nextInt(10)) {
            case 0 -> null;
            case 1 -> first + " " + ContentCatalog.emoji(rng);
            case 2 -> "Dr. " + first + " " + last;
            case 3 -> first.toLowerCase(Locale.ROOT) + ".";
            default -> first + " " + last;
        };
    }

    private static String ascii(String name) {
        return Normalizer.normalize(name, Normalizer.Form.NFD).toLowerCase(Locale.ROOT)
                .replace("ø", "o").replaceAll("[^a-z0-9]", "");
    }
}
