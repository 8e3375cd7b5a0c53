package dev.eider.testkit.bluesky;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** Renders the starter pack, its list and list items in the app.bsky.graph.defs shapes. */
final class GraphViews {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private GraphViews() {
    }

    /** listViewBasic, as embedded in a starter pack view. */
    static ObjectNode listBasic(StarterPack pack, int itemCount) {
        ObjectNode node = JSON.objectNode();
        node.put("uri", pack.listUri());
        node.put("cid", pack.listCid());
        node.put("name", pack.listName());
        node.put("purpose", "app.bsky.graph.defs#referencelist");
        node.put("listItemCount", itemCount);
        node.put("indexedAt", Timestamps.format(pack.listCreatedAt()));
        node.putArray("labels");
        return node;
    }

    /** listView, as returned by getList: adds the creator and the description. */
    static ObjectNode list(StarterPack pack, int itemCount) {
        ObjectNode node = listBasic(pack, itemCount);
        node.set("creator", ActorViews.profile(pack.creator()));
        node.put("description", pack.listDescription());
        return node;
    }

    static ObjectNode listItem(ListMember member) {
        ObjectNode node = JSON.objectNode();
        node.put("uri", member.uri());
        node.set("subject", ActorViews.profile(member.actor()));
        return node;
    }

    /** starterPackView, as returned by getStarterPack. */
    static ObjectNode starterPack(StarterPack pack, List<ListMember> sample, int itemCount) {
        ObjectNode node = JSON.objectNode();
        node.put("uri", pack.uri());
        node.put("cid", pack.cid());
        ObjectNode record = node.putObject("record");
        record.put("list", pack.listUri());
        record.put("name", pack.name());
        record.put("$type", "app.bsky.graph.starterpack");
        record.put("createdAt", Timestamps.format(pack.createdAt()));
        record.put("description", pack.description());
        node.set("creator", ActorViews.basic(pack.creator()));
        node.put("joinedAllTimeCount", pack.joinedAllTimeCount());
        node.put("joinedWeekCount", pack.joinedWeekCount());
        node.putArray("labels");
        node.put("indexedAt", Timestamps.format(pack.createdAt()));
        node.putArray("feeds");
        node.set("list", listBasic(pack, itemCount));
        ArrayNode items = node.putArray("listItemsSample");
        sample.forEach(member -> items.add(listItem(member)));
        return node;
    }
}
