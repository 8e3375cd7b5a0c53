package dev.eider.worker.bluesky.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eider.worker.bluesky.xrpc.GuardedXrpc;
import dev.eider.worker.bluesky.xrpc.XrpcClient;
import dev.eider.worker.bluesky.xrpc.XrpcException;
import dev.eider.worker.run.WorkerFailure;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one session alive across runs: reuse the stored one, refresh it when the server refuses
 * its access token (or it is about to expire), and log in again only when the refresh is refused
 * too. createSession is limited to 30 per 5 minutes per account, so logging in per run would lock
 * a busy pipeline out. A session the server refused is never kept: it is replaced or deleted.
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

  /**
   * Makes {@code call} with an access token. When the server refuses the token, the session is
   * renewed (refresh, else login) and the call made once more; when it refuses the renewed one
   * too, the stored session is deleted and the run fails.
   */
  public <T> T authorized(String method, Function<String, T> call) {
    String token = accessToken();
    try {
      return call.apply(token);
    } catch (XrpcException refused) {
      if (!refused.isTokenRefusal()) {
        throw refused;
      }
      LOG.info("Bluesky refused the session's access token on {} ({}), renewing it", method, refused.error());
      String renewed = replaceRefused(token);
      try {
        return call.apply(renewed);
      } catch (XrpcException again) {
        if (!again.isTokenRefusal()) {
          throw again;
        }
        discard();
        throw WorkerFailure.failed("Bluesky refused a renewed session of " + credentials.identifier() + " at "
            + credentials.pds() + " (" + again.describe() + "); the stored session was deleted. Check that "
            + "BLUESKY_PDS_URL is the account's PDS", again);
      }
    }
  }

  /** A usable access token: the stored session's, renewed first if it is about to expire. */
  private synchronized String accessToken() {
    if (session == null) {
      session = store.load().filter(s -> s.belongsTo(credentials)).orElse(null);
      if (session == null) {
        return login().accessJwt();
      }
      LOG.info("reusing the stored Bluesky session of {}", session.handle());
    }
    boolean expiring = session.accessExpiresAt().map(exp -> exp.isBefore(clock.instant().plus(EXPIRY_MARGIN))).orElse(false);
    return expiring ? renew().accessJwt() : session.accessJwt();
  }

  /** The server refused {@code token}: a new one, unless another call already replaced it. */
  private synchronized String replaceRefused(String token) {
    if (session == null) {
      return login().accessJwt();
    }
    if (!session.accessJwt().equals(token)) {
      return session.accessJwt();
    }
    return renew().accessJwt();
  }

  private synchronized void discard() {
    session = null;
    store.clear();
  }

  /** refreshSession once; if the server refuses the refresh token, a new login. */
  private Session renew() {
    try {
      JsonNode response = guard.call(
          () -> pds.procedure("com.atproto.server.refreshSession", null, Optional.of(session.refreshJwt())), JsonNode.class);
      return keep(response, "com.atproto.server.refreshSession");
    } catch (XrpcException e) {
      if (e.isTransient()) {
        throw WorkerFailure.retryable("refreshing the Bluesky session: " + e.describe(), e);
      }
      LOG.info("Bluesky refused the refresh token ({}): deleting the stored session, logging in again", e.error());
      discard();
      return login();
    }
  }

  /** createSession; when it fails nothing is kept, so the next run starts from a clean slate. */
  private Session login() {
    LOG.info("logging in to {} as {}", credentials.pds(), credentials.identifier());
    JsonNode body = json.createObjectNode().put("identifier", credentials.identifier()).put("password", credentials.password());
    try {
      JsonNode response = guard.call(() -> pds.procedure("com.atproto.server.createSession", body, Optional.empty()), JsonNode.class);
      return keep(response, "com.atproto.server.createSession");
    } catch (XrpcException e) {
      discard();
      if (e.status() == 401 || "AuthenticationRequired".equals(e.error())) {
        throw WorkerFailure.badInput("Bluesky refused the login of " + credentials.identifier() + " at " + credentials.pds()
            + ": check BLUESKY_IDENTIFIER and BLUESKY_APP_PASSWORD (" + e.getMessage() + ")");
      }
      if (e.isTransient()) {
        throw WorkerFailure.retryable("logging in to Bluesky: " + e.describe(), e);
      }
      throw WorkerFailure.failed("logging in to Bluesky: " + e.describe(), e);
    } catch (WorkerFailure e) {
      discard();
      throw e;
    }
  }

  private Session keep(JsonNode response, String method) {
    if (!response.hasNonNull("accessJwt") || !response.hasNonNull("refreshJwt")) {
      throw WorkerFailure.failed(method + " answered without tokens", null);
    }
    session = Session.from(credentials, response);
    store.save(session);
    return session;
  }
}
