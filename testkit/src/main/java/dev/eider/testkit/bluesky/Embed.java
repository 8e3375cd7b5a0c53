package dev.eider.testkit.bluesky;

import java.util.List;

/** What a post embeds, in the record form; {@code PostViews} renders the matching view forms. */
public sealed interface Embed permits Embed.External, Embed.Images, Embed.Video, Embed.Quote,
        Embed.QuoteWithMedia {

    /** Whether this embed carries pictures or a video (what the posts_with_media filter keeps). */
    boolean hasMedia();

    /** A link card: app.bsky.embed.external; the thumb is optional as on the network. */
    record External(String uri, String title, String description, Blob thumb) implements Embed {
        @Override
        public boolean hasMedia() {
            return false;
        }
    }

    record Image(Blob image, String alt, int width, int height) {
    }

    /** app.bsky.embed.images, one to four images. */
    record Images(List<Image> images) implements Embed {
        @Override
        public boolean hasMedia() {
            return true;
        }
    }

    /** app.bsky.embed.video. */
    record Video(Blob video, String alt, int width, int height) implements Embed {
        @Override
        public boolean hasMedia() {
            return true;
        }
    }

    /** A quote post: app.bsky.embed.record pointing at another post. */
    record Quote(Post quoted) implements Embed {
        @Override
        public boolean hasMedia() {
            return false;
        }
    }

    /** app.bsky.embed.recordWithMedia: a quote plus images, a video or a link card. */
    record QuoteWithMedia(Post quoted, Embed media) implements Embed {
        @Override
        public boolean hasMedia() {
            return media.hasMedia();
        }
    }
}
