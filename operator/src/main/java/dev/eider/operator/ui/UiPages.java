package dev.eider.operator.ui;

import dev.eider.operator.api.asset.Asset;
import dev.eider.operator.asset.history.RunHistory;
import dev.eider.operator.asset.history.RunHistoryStore;
import dev.eider.operator.asset.state.PartitionState;
import dev.eider.operator.asset.state.PartitionStateStore;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Event;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Which page a GET of a {@code /ui} path is, read from the {@link ClusterView}: a plain function of
 * path, query and caches to a status and a body, so it is tested without a server. Unknown things
 * are a 404 page naming what was not found; bad query values a 400 naming the parameter.
 */
public final class UiPages {

  /** A page to send. */
  public record Response(int status, String contentType, String body) {
    static Response html(int status, String body) {
      return new Response(status, "text/html; charset=utf-8", body);
    }
  }

  static final String HTML = "text/html; charset=utf-8";
  private static final String CSS = loadCss();

  private final ClusterView cluster;
  private final Clock clock;
  private final ParsedStates parsed = new ParsedStates();

  public UiPages(ClusterView cluster, Clock clock) {
    this.cluster = cluster;
    this.clock = clock;
  }

  /**
   * @param path the request path, starting with {@code /ui}
   * @param query a query parameter's value, or null
   */
  public Response get(String path, Function<String, String> query) {
    List<String> parts = segments(path);
    if (parts.isEmpty() || !parts.get(0).equals("ui")) {
      return notFound("There is no page " + path + ".");
    }
    if (parts.size() == 3 && parts.get(1).equals("static") && parts.get(2).equals("eider.css")) {
      return new Response(200, "text/css; charset=utf-8", CSS);
    }
    if (!cluster.ready()) {
      return Response.html(503, Page.message("Starting", "The operator is still filling its caches; reload in a few seconds."));
    }
    List<String> rest = parts.subList(1, parts.size());
    if (rest.isEmpty()) {
      return Response.html(200, HomePage.render(cluster.assets(), cluster.branches()));
    }
    if (rest.get(0).equals("ns") && rest.size() == 2) {
      List<Asset> assets = cluster.assets(rest.get(1));
      return assets.isEmpty() ? notFound("No Assets in namespace " + rest.get(1) + " (or the operator does not watch it).")
          : Response.html(200, GraphPage.render(rest.get(1), assets, branchOf(rest.get(1))));
    }
    if (rest.get(0).equals("ns") && rest.size() == 4 && rest.get(2).equals("assets")) {
      return assetPage(rest.get(1), rest.get(3), query);
    }
    if (rest.get(0).equals("branches") && rest.size() == 1) {
      return Response.html(200, BranchPage.list(cluster.branches(), clock.instant()));
    }
    if (rest.get(0).equals("branches") && rest.size() == 2) {
      return cluster.branch(rest.get(1)).map(branch -> Response.html(200, BranchPage.render(branch, clock.instant())))
          .orElseGet(() -> notFound("No BranchDeployment " + rest.get(1) + " (or the operator does not handle it)."));
    }
    return notFound("There is no page " + path + ".");
  }

  private Response assetPage(String namespace, String name, Function<String, String> query) {
    Optional<Asset> found = cluster.asset(namespace, name);
    if (found.isEmpty()) {
      return notFound("No Asset " + name + " in namespace " + namespace + ".");
    }
    String pageParam = query.apply("page");
    int page = 1;
    if (pageParam != null) {
      try {
        page = Integer.parseInt(pageParam);
      } catch (NumberFormatException e) {
        page = 0;
      }
      if (page < 1) {
        return Response.html(400, Page.message("Bad request", "page must be a whole number from 1, not " + pageParam + "."));
      }
    }
    String state = query.apply("state");
    if (state != null && Arrays.stream(PartitionState.Phase.values()).noneMatch(p -> p.name().equals(state))
        && !AssetPage.NEVER_RUN.equals(state)) {
      return Response.html(400, Page.message("Bad request", "state must be one of RUNNING, SUCCEEDED, RETRYING, FAILED, "
          + AssetPage.NEVER_RUN + ", not " + state + "."));
    }
    String runsName = RunHistoryStore.configMapName(name);
    RunHistory runs = RunHistory.empty();
    String runsProblem = null;
    try {
      runs = cluster.configMap(namespace, runsName).map(ConfigMap::getData).map(data -> RunHistory.fromData(data, runsName))
          .orElse(RunHistory.empty());
    } catch (IllegalArgumentException e) {
      runsProblem = e.getMessage();
    }
    List<Event> events = List.of();
    boolean eventsUnavailable = false;
    try {
      events = cluster.assetEvents(namespace, name);
    } catch (OperatorClusterView.EventsUnavailable e) {
      eventsUnavailable = true;
    }
    var partitions = PartitionStateStore.read(cluster::configMap, namespace, name, parsed::of).all();
    return Response.html(200, AssetPage.render(found.get(), new AssetPage.Data(partitions, runs, runsProblem, events, eventsUnavailable),
        page, state));
  }

  /** The BranchDeployment whose namespace this is, if any. */
  private Optional<String> branchOf(String namespace) {
    return cluster.branches().stream().filter(b -> b.getStatus() != null && namespace.equals(b.getStatus().getNamespace()))
        .map(b -> b.getMetadata().getName()).findFirst();
  }

  static Response notFound(String message) {
    return Response.html(404, Page.message("Not found", message));
  }

  /** Path segments, percent-decoded; empty segments (a trailing slash) dropped. */
  static List<String> segments(String path) {
    return Arrays.stream(path.split("/")).filter(s -> !s.isEmpty())
        .map(s -> URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8)).toList();
  }

  private static String loadCss() {
    try (InputStream in = UiPages.class.getResourceAsStream("/ui/eider.css")) {
      if (in == null) {
        throw new IllegalStateException("ui/eider.css is missing from the operator's jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
