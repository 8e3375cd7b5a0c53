package dev.eider.testkit.bluesky;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Renders posts as the AppView does: the record as written (embeds with blob refs), the postView
 * around it (embed views with CDN URLs, counts) and feedViewPost items with reply and reason.
 */
final class PostViews {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String CDN = "https://cdn.bsky.app/img/";

    private PostViews() {
    }

    static ObjectNode feedItem(FeedEntry entry) {
        ObjectNode item = JSON.objectNode();
        item.set("post", view(entry.post()));
        if (entry.reply() != null) {
            ObjectNode reply = item.putObject("reply");
            reply.set("root", view(entry.reply().root()).put("$type", "app.bsky.feed.defs#postView"));
            reply.set("parent", view(entry.reply().parent()).put("$type", "app.bsky.feed.defs#postView"));
            if (entry.reply().grandparentAuthor() != null) {
                reply.set("grandparentAuthor", ActorViews.basic(entry.reply().grandparentAuthor()));
            }
        }
        if (entry.repost() != null) {
            ObjectNode reason = item.putObject("reason");
            reason.set("by", ActorViews.basic(entry.repost().by()));
            reason.put("uri", entry.repost().uri());
            reason.put("cid", entry.repost().cid());
            reason.put("indexedAt", Timestamps.format(entry.repost().indexedAt()));
            reason.put("$type", "app.bsky.feed.defs#reasonRepost");
        }
        return item;
    }

    /** The pinned post shown on top of the first page when includePins=true. */
    static ObjectNode pinnedItem(Post post) {
        ObjectNode item = JSON.objectNode();
        item.set("post", view(post));
        item.putObject("reason").put("$type", "app.bsky.feed.defs#reasonPin");
        return item;
    }

    static ObjectNode view(Post post) {
        ObjectNode node = JSON.objectNode();
        node.put("uri", post.uri());
        node.put("cid", post.cid());
        node.set("author", ActorViews.basic(post.author()));
        node.set("record", record(post));
        if (post.embed() != null) {
            node.set("embed", embedView(post.embed(), post.author().did()));
        }
        node.put("bookmarkCount", 0);
        node.put("replyCount", post.counts().replies());
        node.put("repostCount", post.counts().reposts());
        node.put("likeCount", post.counts().likes());
        node.put("quoteCount", post.counts().quotes());
        node.put("indexedAt", Timestamps.format(post.indexedAt()));
        node.putArray("labels");
        return node;
    }

    static ObjectNode record(Post post) {
        ObjectNode node = JSON.objectNode();
        node.put("text", post.text());
        node.put("$type", "app.bsky.feed.post");
        if (post.embed() != null) {
            node.set("embed", embedRecord(post.embed()));
        }
        ArrayNode langs = node.putArray("langs");
        post.langs().forEach(langs::add);
        if (post.isReply()) {
            ObjectNode reply = node.putObject("reply");
            reply.putObject("root").put("cid", post.replyRoot().cid()).put("uri", post.replyRoot().uri());
            reply.putObject("parent").put("cid", post.replyParent().cid()).put("uri", post.replyParent().uri());
        }
        if (!post.facets().isEmpty()) {
            ArrayNode facets = node.putArray("facets");
            post.facets().forEach(facet -> facets.add(facet(facet)));
        }
        node.put("createdAt", Timestamps.format(post.createdAt()));
        return node;
    }

    private static ObjectNode facet(Facet facet) {
        ObjectNode node = JSON.objectNode();
        if (facet.feature() instanceof Facet.Mention) {
            node.put("$type", "app.bsky.richtext.facet"); // the official app writes it on mentions
        }
        node.putObject("index").put("byteEnd", facet.byteEnd()).put("byteStart", facet.byteStart());
        ObjectNode feature = node.putArray("features").addObject();
        if (facet.feature() instanceof Facet.Link link) {
            feature.put("uri", link.uri());
        } else if (facet.feature() instanceof Facet.Mention mention) {
            feature.put("did", mention.did());
        } else if (facet.feature() instanceof Facet.Tag tag) {
            feature.put("tag", tag.tag());
        }
        feature.put("$type", facet.feature().type());
        return node;
    }

    private static ObjectNode embedRecord(Embed embed) {
        ObjectNode node = JSON.objectNode();
        if (embed instanceof Embed.External external) {
            node.put("$type", "app.bsky.embed.external");
            ObjectNode card = node.putObject("external");
            card.put("uri", external.uri()).put("title", external.title()).put("description", external.description());
            if (external.thumb() != null) {
                card.set("thumb", blob(external.thumb()));
            }
        } else if (embed instanceof Embed.Images images) {
            node.put("$type", "app.bsky.embed.images");
            ArrayNode list = node.putArray("images");
            for (Embed.Image image : images.images()) {
                ObjectNode item = list.addObject().put("alt", image.alt());
                item.set("image", blob(image.image()));
                item.putObject("aspectRatio").put("width", image.width()).put("height", image.height());
            }
        } else if (embed instanceof Embed.Video video) {
            node.put("$type", "app.bsky.embed.video");
            node.set("video", blob(video.video()));
            node.put("alt", video.alt());
            node.putObject("aspectRatio").put("width", video.width()).put("height", video.height());
        } else if (embed instanceof Embed.Quote quote) {
            node.put("$type", "app.bsky.embed.record");
            node.putObject("record").put("cid", quote.quoted().cid()).put("uri", quote.quoted().uri());
        } else if (embed instanceof Embed.QuoteWithMedia both) {
            node.put("$type", "app.bsky.embed.recordWithMedia");
            node.set("record", embedRecord(new Embed.Quote(both.quoted())));
            node.set("media", embedRecord(both.media()));
        }
        return node;
    }

    private static ObjectNode embedView(Embed embed, String authorDid) {
        ObjectNode node = JSON.objectNode();
        if (embed instanceof Embed.External external) {
            ObjectNode card = node.putObject("external");
            card.put("uri", external.uri()).put("title", external.title()).put("description", external.description());
            if (external.thumb() != null) {
                card.put("thumb", image("feed_thumbnail", authorDid, external.thumb()));
            }
            node.put("$type", "app.bsky.embed.external#view");
        } else if (embed instanceof Embed.Images images) {
            ArrayNode list = node.putArray("images");
            for (Embed.Image image : images.images()) {
                ObjectNode item = list.addObject();
                item.put("thumb", image("feed_thumbnail", authorDid, image.image()));
                item.put("fullsize", image("feed_fullsize", authorDid, image.image()));
                item.put("alt", image.alt());
                item.putObject("aspectRatio").put("width", image.width()).put("height", image.height());
            }
            node.put("$type", "app.bsky.embed.images#view");
        } else if (embed instanceof Embed.Video video) {
            String base = "https://video.bsky.app/watch/" + URLEncoder.encode(authorDid, StandardCharsets.UTF_8) + "/"
                    + video.video().cid();
            node.put("$type", "app.bsky.embed.video#view");
            node.put("cid", video.video().cid());
            node.put("playlist", base + "/playlist.m3u8");
            node.put("thumbnail", base + "/thumbnail.jpg");
            node.put("alt", video.alt());
            node.putObject("aspectRatio").put("width", video.width()).put("height", video.height());
        } else if (embed instanceof Embed.Quote quote) {
            node.set("record", viewRecord(quote.quoted()));
            node.put("$type", "app.bsky.embed.record#view");
        } else if (embed instanceof Embed.QuoteWithMedia both) {
            node.put("$type", "app.bsky.embed.recordWithMedia#view");
            node.set("record", embedView(new Embed.Quote(both.quoted()), authorDid));
            node.set("media", embedView(both.media(), authorDid));
        }
        return node;
    }

    /** The quoted post inside a record view: its record is under "value", its embeds under "embeds". */
    private static ObjectNode viewRecord(Post quoted) {
        ObjectNode node = JSON.objectNode();
        node.put("uri", quoted.uri());
        node.put("cid", quoted.cid());
        node.set("author", ActorViews.basic(quoted.author()));
        node.set("value", record(quoted));
        node.putArray("labels");
        node.put("likeCount", quoted.counts().likes());
        node.put("replyCount", quoted.counts().replies());
        node.put("repostCount", quoted.counts().reposts());
        node.put("quoteCount", quoted.counts().quotes());
        node.put("indexedAt", Timestamps.format(quoted.indexedAt()));
        ArrayNode embeds = node.putArray("embeds");
        if (quoted.embed() != null) {
            embeds.add(embedView(quoted.embed(), quoted.author().did()));
        }
        node.put("$type", "app.bsky.embed.record#viewRecord");
        return node;
    }

    private static ObjectNode blob(Blob blob) {
        ObjectNode node = JSON.objectNode();
        node.putObject("ref").put("$link", blob.cid());
        node.put("size", blob.size());
        node.put("$type", "blob");
        node.put("mimeType", blob.mimeType());
        return node;
    }

    private static String image(String preset, String did, Blob blob) {
        return CDN + preset + "/plain/" + did + "/" + blob.cid() + "@jpeg";
    }
}
