package dev.eider.testkit.bluesky;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Mints HS256 JWTs shaped like the PDS's (typ at+jwt / refresh+jwt, scope, aud, sub, iat, exp), so
 * clients that decode "exp" to refresh early work. Validity is decided by {@code BlueskySessions},
 * which remembers every token; the signature only makes the tokens look real.
 */
final class JwtMinter {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final SecureRandom random = new SecureRandom();
    private final byte[] key = new byte[32];
    private final String audience;

    JwtMinter(String audience) {
        random.nextBytes(key);
        this.audience = audience;
    }

    String access(String did, Instant issuedAt, Instant expiresAt) {
        return mint("at+jwt", "com.atproto.access", did, issuedAt, expiresAt);
    }

    String refresh(String did, Instant issuedAt, Instant expiresAt) {
        return mint("refresh+jwt", "com.atproto.refresh", did, issuedAt, expiresAt);
    }

    private String mint(String type, String scope, String did, Instant issuedAt, Instant expiresAt) {
        byte[] nonce = new byte[24];
        random.nextBytes(nonce);
        // A jti on every token keeps two tokens minted in the same second distinct.
        String header = "{\"typ\":\"" + type + "\",\"alg\":\"HS256\"}";
        String payload = "{\"scope\":\"" + scope + "\",\"aud\":\"" + audience + "\",\"sub\":\"" + did
                + "\",\"jti\":\"" + BASE64URL.encodeToString(nonce) + "\",\"iat\":" + issuedAt.getEpochSecond()
                + ",\"exp\":" + Math.max(issuedAt.getEpochSecond(), expiresAt.getEpochSecond()) + "}";
        String signingInput = encode(header) + "." + encode(payload);
        return signingInput + "." + BASE64URL.encodeToString(sign(signingInput));
    }

    private byte[] sign(String input) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(input.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK ships HmacSHA256", e);
        }
    }

    private static String encode(String json) {
        return BASE64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
