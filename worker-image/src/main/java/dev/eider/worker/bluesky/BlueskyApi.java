package dev.eider.worker.bluesky;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eider.worker.bluesky.session.SessionManager;
import dev.eider.worker.bluesky.session.SessionStores;
import dev.eider.worker.bluesky.xrpc.GuardedXrpc;
import dev.eider.worker.bluesky.xrpc.XrpcClient;
import dev.eider.worker.bluesky.xrpc.XrpcException;
import dev.eider.worker.run.WorkerFailure;
import dev.eider.worker.storage.ObjectStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Bluesky reads ingestion needs, each checked for the shape the lexicon promises, with XRPC
 * failures turned into worker failures people can act on.
 */
public final class BlueskyApi {

  public static final int MAX_PAGE_SIZE = 100;

  private final XrpcClient reads;
  private final GuardedXrpc guard;
  private final Optional<SessionManager> sessions;

  private BlueskyApi(XrpcClient reads, GuardedXrpc guard, Optional<SessionManager> sessions) {
    this.reads = reads;
    this.guard = guard;
    this.sessions = sessions;
  }

  /** Reads as configured; a logged-in session is kept in the store {@link SessionStores} picks. */
  public static BlueskyApi connect(BlueskyConfig config, Optional<ObjectStore> objects, Clock clock) {
    ObjectMapper json = new ObjectMapper();
    GuardedXrpc guard = new GuardedXrpc(config);
    XrpcClient reads = new XrpcClient(config.readService(), json, clock);
    Optional<SessionManager> sessions = config.credentials().map(credentials -> new SessionManager(credentials,
        SessionStores.choose(credentials, config.sessionCache(), objects), reads, guard, json, clock));
    return new BlueskyApi(reads, guard, sessions);
  }

  public JsonNode getStarterPack(String uri) {
    JsonNode response = query("app.bsky.graph.getStarterPack", params("starterPack", uri), "starter pack " + uri);
    JsonNode pack = response.path("starterPack");
    if (!pack.path("list").path("uri").isTextual()) {
      throw malformed("app.bsky.graph.getStarterPack", "starterPack.list.uri is missing");
    }
    return pack;
  }

  public Page getList(String listUri, Optional<String> cursor, int limit) {
    Map<String, String> params = params("list", listUri);
    params.put("limit", Integer.toString(limit));
    cursor.ifPresent(c -> params.put("cursor", c));
    return page("app.bsky.graph.getList", params, "items", "list " + listUri, "subject");
  }

  public Page getAuthorFeed(String actor, String filter, Optional<String> cursor, int limit) {
    Map<String, String> params = params("actor", actor);
    params.put("limit", Integer.toString(limit));
    params.put("filter", filter);
    cursor.ifPresent(c -> params.put("cursor", c));
    return page("app.bsky.feed.getAuthorFeed", params, "feed", "actor " + actor, "post");
  }

  /** Retries the run's calls made so far. */
  public int retries() {
    return guard.retries();
  }

  private Page page(String method, Map<String, String> params, String itemsField, String subject, String requiredItemField) {
    JsonNode response = query(method, params, subject);
    JsonNode items = response.path(itemsField);
    if (!items.isArray()) {
      throw malformed(method, "the response has no '" + itemsField + "' array");
    }
    List<JsonNode> list = new ArrayList<>(items.size());
    for (JsonNode item : items) {
      if (!item.path(requiredItemField).isObject()) {
        throw malformed(method, "an item of '" + itemsField + "' has no '" + requiredItemField + "' object");
      }
      list.add(item);
    }
    JsonNode cursor = response.path("cursor");
    return new Page(response, list, cursor.isTextual() && !cursor.asText().isEmpty() ? Optional.of(cursor.asText()) : Optional.empty());
  }

  private JsonNode query(String method, Map<String, String> params, String subject) {
    try {
      return guard.call(() -> authorized(method, params), JsonNode.class);
    } catch (XrpcException e) {
      throw failure(e, subject);
    }
  }

  /** One call, with the session's token when logged in (renewed within the same attempt if refused). */
  private JsonNode authorized(String method, Map<String, String> params) {
    if (sessions.isEmpty()) {
      return reads.query(method, params, Optional.empty());
    }
    return sessions.get().authorized(method, token -> reads.query(method, params, Optional.of(token)));
  }

  private RuntimeException failure(XrpcException e, String subject) {
    if (e.isTransient()) {
      return WorkerFailure.retryable(e.describe() + " (gave up after " + guard.maxRetries() + " retries)", e);
    }
    if (e.status() == 400 && "InvalidRequest".equals(e.error())) {
      return WorkerFailure.badInput(subject + ": " + e.describe());
    }
    return WorkerFailure.failed(subject + ": " + e.describe(), e);
  }

  private static WorkerFailure malformed(String method, String what) {
    return WorkerFailure.failed(method + ": malformed response: " + what, null);
  }

  private static Map<String, String> params(String name, String value) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put(name, value);
    return params;
  }
}
