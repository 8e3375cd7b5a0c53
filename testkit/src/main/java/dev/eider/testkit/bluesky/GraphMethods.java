package dev.eider.testkit.bluesky;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** app.bsky.graph.getList (newest item first, keyset cursors) and app.bsky.graph.getStarterPack. */
final class GraphMethods {

    static final String GET_LIST = "app.bsky.graph.getList";
    static final String GET_STARTER_PACK = "app.bsky.graph.getStarterPack";
    private static final int SAMPLE_SIZE = 12;

    private final BlueskyDataset dataset;

    GraphMethods(BlueskyDataset dataset) {
        this.dataset = dataset;
    }

    XrpcResponse getList(XrpcRequest request) {
        XrpcParams params = new XrpcParams(request);
        String list = params.atUri("list");
        int limit = params.integer("limit", 1, 100, 50);
        String cursor = params.optional("cursor").orElse(null);
        StarterPack pack = dataset.starterPack();
        if (!pack.listUri().equals(list)) {
            throw XrpcError.invalidRequest("List not found");
        }
        List<ListMember> newestFirst = new ArrayList<>(dataset.listMembers());
        Collections.reverse(newestFirst);
        long before = cursor == null ? Long.MAX_VALUE : SortCursor.millis(cursor);
        List<ListMember> remaining = newestFirst.stream()
                .filter(member -> member.indexedAt().toEpochMilli() < before).toList();
        List<ListMember> page = remaining.subList(0, Math.min(limit, remaining.size()));

        ObjectNode body = XrpcResponse.MAPPER.createObjectNode();
        body.set("list", GraphViews.list(pack, newestFirst.size()));
        ArrayNode items = body.putArray("items");
        page.forEach(member -> items.add(GraphViews.listItem(member)));
        if (remaining.size() > page.size()) {
            body.put("cursor", page.get(page.size() - 1).cursor());
        }
        return XrpcResponse.ok(body);
    }

    XrpcResponse getStarterPack(XrpcRequest request) {
        String uri = new XrpcParams(request).atUri("starterPack");
        StarterPack pack = dataset.starterPack();
        if (!pack.uri().equals(uri)) {
            throw XrpcError.invalidRequest("Starter pack not found");
        }
        List<ListMember> members = dataset.listMembers();
        ObjectNode body = XrpcResponse.MAPPER.createObjectNode();
        body.set("starterPack", GraphViews.starterPack(pack,
                members.subList(0, Math.min(SAMPLE_SIZE, members.size())), members.size()));
        return XrpcResponse.ok(body);
    }
}
