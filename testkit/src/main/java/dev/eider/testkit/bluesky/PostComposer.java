package dev.eider.testkit.bluesky;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes one post (text, facets, embed, counts) from a random stream. It only ever reads its
 * arguments and the mentionable accounts fixed at dataset creation, so the same stream always
 * gives a byte-identical post, whatever else the dataset has become since.
 */
final class PostComposer {

    /** What a post carries besides text; chosen by the caller so feed filters can be cheap. */
    enum Media { NONE, LINK_CARD, IMAGES, VIDEO }

    private static final int[][] IMAGE_SIZES = {{1200, 800}, {1080, 1350}, {1600, 900}, {2048, 2048}, {750, 1334}};

    private final List<BlueskyActor> mentionable;

    PostComposer(List<BlueskyActor> mentionable) {
        this.mentionable = List.copyOf(mentionable);
    }

    Post original(SplittableRandom rng, BlueskyActor author, Instant at, Media media, boolean viral) {
        String lang = language(rng, author);
        RichText text = new RichText().plain(ContentCatalog.statement(rng, lang));
        if (rng.nextInt(4) == 0) {
            text.plain(" " + ContentCatalog.emoji(rng));
        }
        if (rng.nextInt(7) == 0 && mentionable.size() > 1) {
            text.plain(" cc ").mention(someoneElse(rng, author));
        }
        LinkCatalog.Link link = null;
        if (media == Media.LINK_CARD || media == Media.NONE && rng.nextInt(5) == 0) {
            link = LinkCatalog.link(rng, at.toEpochMilli());
            String shown = rng.nextBoolean() ? link.uri() : LinkCatalog.display(link.uri());
            text.space().plain(ContentCatalog.linkIntro(rng, lang)).space().link(shown, link.uri());
        }
        int tags = rng.nextInt(10) < 3 ? 1 + rng.nextInt(2) : 0;
        for (int i = 0; i < tags; i++) {
            text.space().tag(ContentCatalog.tag(rng));
        }
        Embed embed = media(rng, media, link, author.did() + at.toEpochMilli());
        return post(rng, author, at, text, lang, null, null, embed, counts(rng, viral ? 40 : 1));
    }

    Post reply(SplittableRandom rng, BlueskyActor author, Instant at, Post root, Post parent) {
        String lang = language(rng, author);
        RichText text = new RichText().plain(ContentCatalog.reply(rng, lang));
        if (rng.nextInt(5) == 0) {
            text.plain(" " + ContentCatalog.emoji(rng));
        }
        if (rng.nextInt(8) == 0) {
            LinkCatalog.Link link = LinkCatalog.link(rng, at.toEpochMilli());
            text.space().link(LinkCatalog.display(link.uri()), link.uri());
        }
        return post(rng, author, at, text, lang, root.ref(), parent.ref(), null, counts(rng, 0));
    }

    Post quote(SplittableRandom rng, BlueskyActor author, Instant at, Post quoted, Media media) {
        String lang = language(rng, author);
        RichText text = new RichText().plain(ContentCatalog.quote(rng, lang));
        if (rng.nextInt(3) == 0) {
            text.space().tag(ContentCatalog.tag(rng));
        }
        Embed embed = media == Media.NONE ? new Embed.Quote(quoted)
                : new Embed.QuoteWithMedia(quoted, media(rng, media, LinkCatalog.link(rng, at.toEpochMilli()),
                author.did() + at.toEpochMilli()));
        return post(rng, author, at, text, lang, null, null, embed, counts(rng, 1));
    }

    private Post post(SplittableRandom rng, BlueskyActor author, Instant at, RichText text, String lang,
                      Post.Ref root, Post.Ref parent, Embed embed, Post.Counts counts) {
        String uri = "at://" + author.did() + "/app.bsky.feed.post/" + AtIds.tid(at, rng.nextInt(1024));
        String cid = AtIds.recordCid(uri + '\n' + text.text() + '\n' + at);
        List<String> langs = "en".equals(lang) || rng.nextInt(6) != 0 ? List.of(lang) : List.of(lang, "en");
        return new Post(uri, cid, author, text.text(), text.facets(), langs, at, root, parent, embed, counts);
    }

    private static Embed media(SplittableRandom rng, Media media, LinkCatalog.Link link, String salt) {
        return switch (media) {
            case NONE -> null;
            case LINK_CARD -> new Embed.External(link.uri(), link.title(), link.description(),
                    rng.nextInt(5) < 3 ? blob(salt + "#thumb", "image/jpeg", rng, 20_000, 400_000) : null);
            case IMAGES -> {
                int count = rng.nextInt(10) < 6 ? 1 : 2 + rng.nextInt(3);
                List<Embed.Image> images = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    int[] size = IMAGE_SIZES[rng.nextInt(IMAGE_SIZES.length)];
                    images.add(new Embed.Image(blob(salt + "#img" + i, "image/jpeg", rng, 40_000, 950_000),
                            ContentCatalog.alt(rng), size[0], size[1]));
                }
                yield new Embed.Images(List.copyOf(images));
            }
            case VIDEO -> {
                boolean portrait = rng.nextBoolean();
                yield new Embed.Video(blob(salt + "#video", "video/mp4", rng, 1_000_000, 45_000_000),
                        ContentCatalog.alt(rng), portrait ? 1080 : 1920, portrait ? 1920 : 1080);
            }
        };
    }

    private static Blob blob(String salt, String mimeType, SplittableRandom rng, int min, int max) {
        return new Blob(AtIds.blobCid(salt), mimeType, rng.nextInt(min, max));
    }

    /** Heavy-tailed like real engagement: most posts get little, a few get a lot; replies get less. */
    private static Post.Counts counts(SplittableRandom rng, int boost) {
        int likes = (int) Math.floor(Math.exp(rng.nextDouble() * 5.5)) - 1;
        likes = boost > 1 ? likes * boost + 300 + rng.nextInt(2000) : boost == 0 ? likes / 4 : likes;
        int reposts = likes / (2 + rng.nextInt(7));
        int replies = likes / (3 + rng.nextInt(8));
        int quotes = reposts / (3 + rng.nextInt(8));
        return new Post.Counts(replies, reposts, likes, quotes);
    }

    private static String language(SplittableRandom rng, BlueskyActor author) {
        return rng.nextInt(6) == 0 ? ContentCatalog.language(rng) : author.language();
    }

    private BlueskyActor someoneElse(SplittableRandom rng, BlueskyActor author) {
        BlueskyActor other = ContentCatalog.pick(rng, mentionable);
        return other.did().equals(author.did()) ? mentionable.get((mentionable.indexOf(other) + 1) % mentionable.size())
                : other;
    }
}
