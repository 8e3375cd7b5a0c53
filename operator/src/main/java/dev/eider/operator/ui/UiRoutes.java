package dev.eider.operator.ui;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Serves the UI under {@code /ui} on the operator's HTTP port (beside {@code /q/metrics}): GET and
 * HEAD only, every answer with a Content-Security-Policy that allows no script and nothing from
 * elsewhere, and a failure is a plain page with an id to find in the log, never a stack trace.
 */
@Singleton
public class UiRoutes {

  private static final Logger LOG = Logger.getLogger(UiRoutes.class);
  /** The pages need their own style sheet only: no script, no frame, no form, nothing from elsewhere. */
  static final String CSP = "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; "
      + "frame-ancestors 'none'";
  static final String PATH = "/ui(/.*)?";

  private final OperatorClusterView cluster;

  public UiRoutes(OperatorClusterView cluster) {
    this.cluster = cluster;
  }

  void register(@Observes Router router) {
    register(router, new UiPages(cluster, Clock.systemUTC()));
  }

  /** Adds the UI's routes to {@code router}; public for tests that serve it without Quarkus. */
  public static void register(Router router, UiPages pages) {
    router.routeWithRegex(PATH).handler(context -> {
      secure(context);
      HttpMethod method = context.request().method();
      if (method != HttpMethod.GET && method != HttpMethod.HEAD) {
        context.response().putHeader("Allow", "GET, HEAD");
        send(context, UiPages.Response.html(405, Page.message("Method not allowed", "The UI is read-only: GET only.")));
        return;
      }
      context.next();
    });
    router.routeWithRegex(PATH).blockingHandler(context -> send(context,
        pages.get(context.normalizedPath(), name -> context.queryParams().get(name))), false)
        .failureHandler(UiRoutes::failed);
  }

  private static void secure(RoutingContext context) {
    context.response()
        .putHeader("Content-Security-Policy", CSP)
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Referrer-Policy", "no-referrer")
        .putHeader("Cache-Control", "no-store");
  }

  private static void send(RoutingContext context, UiPages.Response response) {
    context.response().setStatusCode(response.status()).putHeader("Content-Type", response.contentType()).end(response.body());
  }

  /** Any error: logged with an id, shown as a plain page with that id (the exception stays in the log). */
  private static void failed(RoutingContext context) {
    String id = UUID.randomUUID().toString().substring(0, 8);
    LOG.errorf(context.failure(), "UI page %s failed (error id %s)", context.normalizedPath(), id);
    if (context.response().headWritten()) {
      context.response().close();
      return;
    }
    secure(context);
    int status = context.statusCode() >= 400 && context.statusCode() < 500 ? context.statusCode() : 500;
    send(context, UiPages.Response.html(status, Page.message("The page could not be shown",
        "Something went wrong reading this page; the operator's log has the details under error id " + id + ".")));
  }
}
