package dev.eider.worker.bluesky;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/** One page of a paginated XRPC query: its items as returned, and the cursor of the next page. */
public record Page(JsonNode response, List<JsonNode> items, Optional<String> cursor) {}
