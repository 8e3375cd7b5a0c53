package dev.eider.testkit.bluesky;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Login accounts and the tokens issued to them, with the PDS's answers: 401 for a wrong password,
 * 400 ExpiredToken / InvalidToken for bad tokens, rotation of refresh tokens. Token lifetimes are
 * configurable so tests can watch a client refresh; {@link #requireAuth(boolean)} makes reads fail
 * without a token, which proves a client really logs in. Thread-safe.
 */
public final class BlueskySessions {

    public static final Duration DEFAULT_ACCESS_LIFETIME = Duration.ofHours(2);
    public static final Duration DEFAULT_REFRESH_LIFETIME = Duration.ofDays(90);

    /** A login account: the actor it acts as, and its password. Its email is "{first label}@example.com". */
    record Account(BlueskyActor actor, String password, String email) {
    }

    /** A fresh token pair. */
    record Session(String accessJwt, String refreshJwt, Account account) {
    }

    private record Token(Account account, boolean refresh, Instant expiresAt, boolean revoked) {
    }

    private final BlueskyDataset dataset;
    private final Clock clock;
    private final JwtMinter minter = new JwtMinter("did:web:localhost");
    private final Map<String, Account> accounts = new ConcurrentHashMap<>();
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();
    private volatile Duration accessLifetime = DEFAULT_ACCESS_LIFETIME;
    private volatile Duration refreshLifetime = DEFAULT_REFRESH_LIFETIME;
    private volatile boolean requireAuth;

    BlueskySessions(BlueskyDataset dataset, Clock clock) {
        this.dataset = dataset;
        this.clock = clock;
    }

    /**
     * Lets {@code handle} log in with {@code password} (by handle, DID or email). An unknown handle
     * is registered as a new actor with an empty feed.
     */
    public BlueskySessions addAccount(String handle, String password) {
        BlueskyActor actor = dataset.find(handle).orElseGet(() -> dataset.registerActor(handle, 0));
        String email = actor.handle().split("\\.")[0] + "@example.com";
        accounts.put(actor.did(), new Account(actor, password, email));
        return this;
    }

    /** When true, reads without a valid access token get 401 AuthenticationRequired. */
    public BlueskySessions requireAuth(boolean required) {
        this.requireAuth = required;
        return this;
    }

    public boolean authRequired() {
        return requireAuth;
    }

    /** Lifetime of access tokens issued from now on (default 2 hours, as on the PDS). */
    public BlueskySessions accessTokenLifetime(Duration lifetime) {
        this.accessLifetime = lifetime;
        return this;
    }

    /** Lifetime of refresh tokens issued from now on (default 90 days). */
    public BlueskySessions refreshTokenLifetime(Duration lifetime) {
        this.refreshLifetime = lifetime;
        return this;
    }

    /** Makes every access token issued so far expired, as if their lifetime had passed. */
    public void expireAccessTokens() {
        Instant past = clock.instant().minusSeconds(1);
        tokens.replaceAll((jwt, t) -> t.refresh() ? t : new Token(t.account(), false, past, t.revoked()));
    }

    /**
     * Forgets every access token issued so far, as a PDS does after rotating its signing key: they
     * get 400 InvalidToken "Token could not be verified", while refresh tokens still work.
     */
    public void forgetAccessTokens() {
        tokens.entrySet().removeIf(entry -> !entry.getValue().refresh());
    }

    /** Forgets every token issued so far, access and refresh: only a new login gets in. */
    public void forgetAllTokens() {
        tokens.clear();
    }

    /** Revokes every refresh token issued so far: clients must log in again. */
    public void revokeRefreshTokens() {
        tokens.replaceAll((jwt, t) -> t.refresh() ? new Token(t.account(), true, t.expiresAt(), true) : t);
    }

    Optional<Account> account(String identifier) {
        String wanted = identifier.toLowerCase(Locale.ROOT);
        return accounts.values().stream().filter(a -> a.actor().did().equals(identifier)
                || a.actor().handle().equals(wanted) || a.email().equals(wanted)).findFirst();
    }

    Session login(String identifier, String password) {
        return account(identifier).filter(a -> a.password().equals(password)).map(this::issue)
                .orElseThrow(() -> XrpcError.authenticationRequired("Invalid identifier or password"));
    }

    /** Rotates a refresh token: the old one is revoked, a new pair is issued. */
    Session refresh(String refreshJwt) {
        Token token = valid(refreshJwt);
        if (!token.refresh()) {
            throw new XrpcError(400, "InvalidToken", "Invalid token type");
        }
        tokens.put(refreshJwt, new Token(token.account(), true, token.expiresAt(), true));
        return issue(token.account());
    }

    /** The account an access token belongs to. */
    Account authenticate(String accessJwt) {
        Token token = valid(accessJwt);
        if (token.refresh()) {
            throw new XrpcError(400, "InvalidToken", "Bad token scope");
        }
        return token.account();
    }

    /** The PDS's answers (its auth verifier's InvalidRequestError, hence 400) for a token it cannot use. */
    private Token valid(String jwt) {
        Token token = tokens.get(jwt);
        if (token == null) {
            // Covers tokens minted by another server, garbage, and tokens this one forgot.
            throw new XrpcError(400, "InvalidToken", "Token could not be verified");
        }
        if (token.revoked()) {
            throw new XrpcError(400, "ExpiredToken", "Token has been revoked");
        }
        if (!clock.instant().isBefore(token.expiresAt())) {
            throw new XrpcError(400, "ExpiredToken", "Token has expired");
        }
        return token;
    }

    private Session issue(Account account) {
        Instant now = clock.instant();
        Instant accessExpiry = now.plus(accessLifetime);
        Instant refreshExpiry = now.plus(refreshLifetime);
        String access = minter.access(account.actor().did(), now, accessExpiry);
        String refresh = minter.refresh(account.actor().did(), now, refreshExpiry);
        tokens.put(access, new Token(account, false, accessExpiry, false));
        tokens.put(refresh, new Token(account, true, refreshExpiry, false));
        return new Session(access, refresh, account);
    }
}
