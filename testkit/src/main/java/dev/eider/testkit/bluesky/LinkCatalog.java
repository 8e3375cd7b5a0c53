package dev.eider.testkit.bluesky;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Links the way people share them: YouTube (long and short form), GitHub, Substack, Medium, Reddit,
 * news sites and personal blogs, some with tracking parameters, each with the title and description
 * a link card would show. Link-extracting clients need this variety to be tested honestly.
 */
final class LinkCatalog {

    /** A shared link and the card data (title, description) a client would fetch for it. */
    record Link(String uri, String title, String description) {
    }

    private static final List<String> REPOS = List.of("duckdb/duckdb", "apache/iceberg",
            "bluesky-social/atproto", "rust-lang/rust", "kubernetes/kubernetes", "apache/arrow",
            "dbt-labs/dbt-core", "open-telemetry/opentelemetry-java", "tokio-rs/tokio", "fabric8io/kubernetes-client");
    private static final List<String> WRITERS = List.of("pipelinesandpotatoes", "quietcompute",
            "therowandthecolumn", "latencynotes", "slowdatamovement");
    private static final List<String> SUBREDDITS = List.of("dataengineering", "rust", "kubernetes",
            "BlueskySocial", "running", "Sourdough", "selfhosted");
    private static final List<String> BLOGGERS = List.of("mira", "jonas-h", "tanaka", "lucia", "okafor", "b-nguyen");
    private static final String ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    private LinkCatalog() {
    }

    static Link link(SplittableRandom rng, long epochMillis) {
        String topic = ContentCatalog.topic(rng);
        String slug = slug(topic) + "-" + ContentCatalog.pick(rng, List.of("in-practice", "lessons-learned",
                "a-year-later", "explained", "the-hard-parts", "from-scratch"));
        LocalDate day = LocalDate.ofInstant(Instant.ofEpochMilli(epochMillis), ZoneOffset.UTC)
                .minusDays(rng.nextInt(20));
        return switch (rng.nextInt(12)) {
            case 0, 1 -> new Link("https://www.youtube.com/watch?v=" + id(rng, 11),
                    topic + " in 10 minutes", "A short walkthrough, slides linked in the description.");
            case 2 -> new Link("https://youtu.be/" + id(rng, 11) + "?si=" + id(rng, 16),
                    "Conference talk: " + topic + " deep dive", "Recorded live. Q&A at the end.");
            case 3, 4 -> github(rng, topic);
            case 5 -> new Link("https://" + ContentCatalog.pick(rng, WRITERS) + ".substack.com/p/" + slug,
                    "Notes on " + topic, "A newsletter about data systems and the people who run them.");
            case 6 -> new Link("https://medium.com/@" + ContentCatalog.pick(rng, BLOGGERS) + "/" + slug + "-"
                    + hex(rng, 12), topic + ": lessons learned", "What worked, what did not, and why.");
            case 7 -> reddit(rng, topic, slug);
            case 8, 9 -> news(rng, topic, slug, day);
            default -> blog(rng, topic, slug, day);
        };
    }

    /** The text the Bluesky app shows for a link: no scheme, no "www.", cut at 27 chars with "...". */
    static String display(String uri) {
        String shown = uri.replaceFirst("^https?://", "").replaceFirst("^www\\.", "");
        return shown.length() <= 30 ? shown : shown.substring(0, 27) + "...";
    }

    private static Link github(SplittableRandom rng, String topic) {
        String repo = ContentCatalog.pick(rng, REPOS);
        return switch (rng.nextInt(3)) {
            case 0 -> new Link("https://github.com/" + repo, "GitHub - " + repo,
                    "Contribute to " + repo + " development by creating an account on GitHub.");
            case 1 -> new Link("https://github.com/" + repo + "/pull/" + (1000 + rng.nextInt(30000)),
                    "Improve " + topic + " support by contributor · Pull Request · " + repo, "");
            default -> new Link("https://github.com/" + repo + "/releases/tag/v" + rng.nextInt(5) + "."
                    + rng.nextInt(20) + "." + rng.nextInt(10), "Release notes · " + repo, "");
        };
    }

    private static Link reddit(SplittableRandom rng, String topic, String slug) {
        String subreddit = ContentCatalog.pick(rng, SUBREDDITS);
        return new Link("https://www.reddit.com/r/" + subreddit + "/comments/" + base36(rng, 7) + "/"
                + slug.replace('-', '_') + "/", "From the " + subreddit + " community on Reddit: " + topic,
                "Explore this post and more from the " + subreddit + " community");
    }

    private static Link news(SplittableRandom rng, String topic, String slug, LocalDate d) {
        String month = d.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH).toLowerCase(Locale.ROOT);
        String mm = String.format("%02d", d.getMonthValue());
        String dd = String.format("%02d", d.getDayOfMonth());
        return switch (rng.nextInt(6)) {
            case 0 -> new Link("https://www.theguardian.com/technology/" + d.getYear() + "/" + month + "/" + dd
                    + "/" + slug, "The quiet rise of " + topic, "It started as a niche. Now everyone uses it.");
            case 1 -> new Link("https://arstechnica.com/information-technology/" + d.getYear() + "/" + mm + "/"
                    + slug + "/", topic + " gets a major update", "The changes, and what they mean.");
            case 2 -> new Link("https://www.bbc.com/news/articles/c" + base36(rng, 10) + "o",
                    "Why " + topic + " matters", "BBC News");
            case 3 -> new Link("https://www.nytimes.com/" + d.getYear() + "/" + mm + "/" + dd + "/technology/"
                    + slug + ".html", "How " + topic + " Took Over", "A look at an unlikely success.");
            case 4 -> new Link("https://www.lemonde.fr/pixels/article/" + d.getYear() + "/" + mm + "/" + dd + "/"
                    + slug + "_" + (6_000_000 + rng.nextInt(999_999)) + "_4408996.html",
                    "Comment " + topic + " a changé la donne", "Le Monde");
            default -> new Link("https://www.heise.de/news/" + slug + "-" + (9_000_000 + rng.nextInt(999_999))
                    + ".html", topic + ": Was die neue Version bringt", "heise online");
        };
    }

    private static Link blog(SplittableRandom rng, String topic, String slug, LocalDate d) {
        String who = ContentCatalog.pick(rng, BLOGGERS);
        return switch (rng.nextInt(3)) {
            case 0 -> new Link("https://" + who + ".dev/blog/" + slug, topic + " from scratch",
                    "A personal blog about software.");
            case 1 -> new Link("https://blog." + who + ".io/posts/" + d.getYear() + "/" + slug
                    + "?utm_source=bluesky&utm_medium=social", "What I learned about " + topic, "");
            default -> new Link("https://" + who + ".github.io/" + d.getYear() + "/"
                    + String.format("%02d/%02d", d.getMonthValue(), d.getDayOfMonth()) + "/" + slug + ".html",
                    topic, "Notes and experiments.");
        };
    }

    private static String slug(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }

    private static String id(SplittableRandom rng, int length) {
        return chars(rng, length, ID_CHARS);
    }

    private static String hex(SplittableRandom rng, int length) {
        return chars(rng, length, "0123456789abcdef");
    }

    private static String base36(SplittableRandom rng, int length) {
        return chars(rng, length, "0123456789abcdefghijklmnopqrstuvwxyz");
    }

    private static String chars(SplittableRandom rng, int length, String alphabet) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(rng.nextInt(alphabet.length())));
        }
        return out.toString();
    }
}
