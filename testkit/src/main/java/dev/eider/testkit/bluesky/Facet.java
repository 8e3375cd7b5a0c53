package dev.eider.testkit.bluesky;

/**
 * A rich-text facet: a feature attached to the UTF-8 byte range [byteStart, byteEnd) of a post's
 * text. Offsets are bytes, not chars, which is exactly what clients get wrong with emoji or accents.
 */
public record Facet(int byteStart, int byteEnd, Feature feature) {

    /** What the byte range is: a link, a mention or a hashtag. */
    public sealed interface Feature permits Link, Mention, Tag {
        String type();
    }

    public record Link(String uri) implements Feature {
        @Override
        public String type() {
            return "app.bsky.richtext.facet#link";
        }
    }

    public record Mention(String did) implements Feature {
        @Override
        public String type() {
            return "app.bsky.richtext.facet#mention";
        }
    }

    public record Tag(String tag) implements Feature {
        @Override
        public String type() {
            return "app.bsky.richtext.facet#tag";
        }
    }
}
