package dev.eider.worker.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eider.worker.bluesky.BlueskyApi;
import dev.eider.worker.bluesky.Page;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A starter pack's members into one object (one line per list item, as getList returns it), and
 * the members' DIDs published as partition keys for the per-member assets downstream.
 */
public final class StarterPackIngestion {

  private final BlueskyApi api;
  private final ObjectMapper json;

  public StarterPackIngestion(BlueskyApi api, ObjectMapper json) {
    this.api = api;
    this.json = json;
  }

  public ObjectNode run(IngestRun run, String starterPackUri, int pageSize) {
    JsonNode pack = api.getStarterPack(starterPackUri);
    String listUri = pack.path("list").path("uri").asText();
    Set<String> members = new LinkedHashSet<>();
    int pages = 0;
    try (NdjsonObjectWriter object = run.newObject(json)) {
      Optional<String> cursor = Optional.empty();
      do {
        Page page = api.getList(listUri, cursor, pageSize);
        pages++;
        for (JsonNode item : page.items()) {
          object.write(item);
          String did = item.path("subject").path("did").asText("");
          if (!did.isEmpty()) {
            members.add(did);
          }
        }
        cursor = page.cursor();
      } while (cursor.isPresent());

      ObjectNode result = json.createObjectNode()
          .put("command", "ingest starter-pack")
          .put("starterPack", starterPackUri)
          .put("name", pack.path("record").path("name").asText(""))
          .put("list", listUri)
          .put("items", object.lines())
          .put("pages", pages)
          .put("retries", api.retries());
      if (object.lines() == 0) {
        result.putNull("objectKey");
      } else {
        long bytes = object.commit();
        result.put("objectKey", object.key()).put("bytes", bytes);
      }
      PublishedKeys.put(result, List.copyOf(members));
      return result;
    }
  }
}
