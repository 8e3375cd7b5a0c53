package dev.eider.worker.bluesky.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eider.worker.bluesky.xrpc.GuardedXrpc;
import dev.eider.worker.bluesky.xrpc.XrpcClient;
import dev.eider.worker.bluesky.xrpc.XrpcException;
import dev.eider.worker.cli.WorkerFailure;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one session alive across runs: reuse the cached one, refresh it when the access token
 * expires, and log in again only when the refresh token is refused. createSession is limited to
 * 30 per 5 minutes per account, so logging in per run would lock a busy pipeline out.
 */
public final class SessionManager {

  private static final Logger LOG = LoggerFactory.getLogger(SessionManager.class);
  private static final Duration EXPIRY_MARGIN = Duration.ofSeconds(60);

  private final Credentials credentials;
  private final SessionStore store;
  private final XrpcClient pds;
  private final GuardedXrpc guard;
  private final ObjectMapper json;
  private final Clock clock;
  private Session session;

  public SessionManager(Credentials credentials, SessionStore store, XrpcClient pds, GuardedXrpc guard,
      ObjectMapper json, Clock clock) {
    this.credentials = credentials;
    this.store = store;
    this.pds = pds;
    this.guard = guard;
    this.json = json;
    this.clock = clock;
  }

  /** A usable access token: the cached session's, refreshed first if it is about to expire. */
  public synchronized String accessToken() {
    if (session == null) {
      session = store.load().filter(s -> s.belongsTo(credentials)).orElse(null);
      if (session == null) {
        return login().accessJwt();
      }
      LOG.info("reusing the cached Bluesky session of {}", session.handle());
    }
    boolean expiring = session.accessExpiresAt().map(exp -> exp.isBefore(clock.instant().plus(EXPIRY_MARGIN))).orElse(false);
    return expiring ? refresh().accessJwt() : session.accessJwt();
  }

  /** The server said the access token expired: get a new one, by refresh if possible. */
  public synchronized String renewAccessToken() {
    return refresh().accessJwt();
  }

  private Session refresh() {
    try {
      JsonNode response = guard.call(
          () -> pds.procedure("com.atproto.server.refreshSession", null, Optional.of(session.refreshJwt())), JsonNode.class);
      return keep(Session.from(credentials, response));
    } catch (XrpcException e) {
      if (e.isTransient()) {
        throw WorkerFailure.retryable("refreshing the Bluesky session: " + e.describe(), e);
      }
      LOG.info("the Bluesky refresh token was refused ({}), logging in again", e.error());
      store.clear();
      return login();
    }
  }

  private Session login() {
    LOG.info("logging in to {} as {}", credentials.pds(), credentials.identifier());
    JsonNode body = json.createObjectNode().put("identifier", credentials.identifier()).put("password", credentials.password());
    try {
      JsonNode response = guard.call(() -> pds.procedure("com.atproto.server.createSession", body, Optional.empty()), JsonNode.class);
      if (!response.hasNonNull("accessJwt") || !response.hasNonNull("refreshJwt")) {
        throw WorkerFailure.failed("com.atproto.server.createSession answered without tokens", null);
      }
      return keep(Session.from(credentials, response));
    } catch (XrpcException e) {
      if (e.status() == 401 || "AuthenticationRequired".equals(e.error())) {
        throw WorkerFailure.badInput("Bluesky refused the login of " + credentials.identifier() + " at " + credentials.pds()
            + ": check BLUESKY_IDENTIFIER and BLUESKY_APP_PASSWORD (" + e.getMessage() + ")");
      }
      if (e.isTransient()) {
        throw WorkerFailure.retryable("logging in to Bluesky: " + e.describe(), e);
      }
      throw WorkerFailure.failed("logging in to Bluesky: " + e.describe(), e);
    }
  }

  private Session keep(Session fresh) {
    session = fresh;
    store.save(fresh);
    return fresh;
  }
}
