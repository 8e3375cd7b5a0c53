package dev.eider.testkit.bluesky;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a post's text and its facets together, counting UTF-8 bytes as it goes, so facet offsets
 * are right by construction even after emoji, accents or Japanese text.
 */
final class RichText {

    private final StringBuilder text = new StringBuilder();
    private final List<Facet> facets = new ArrayList<>();
    private int bytes;

    RichText plain(String part) {
        text.append(part);
        bytes += part.getBytes(StandardCharsets.UTF_8).length;
        return this;
    }

    /** A space unless the text is empty, so parts can be appended in any combination. */
    RichText space() {
        return text.length() == 0 ? this : plain(" ");
    }

    RichText link(String shown, String uri) {
        return faceted(shown, new Facet.Link(uri));
    }

    RichText mention(BlueskyActor actor) {
        return faceted("@" + actor.handle(), new Facet.Mention(actor.did()));
    }

    RichText tag(String tag) {
        return faceted("#" + tag, new Facet.Tag(tag));
    }

    String text() {
        return text.toString();
    }

    List<Facet> facets() {
        return List.copyOf(facets);
    }

    private RichText faceted(String shown, Facet.Feature feature) {
        int start = bytes;
        plain(shown);
        facets.add(new Facet(start, bytes, feature));
        return this;
    }
}
