package dev.eider.worker.bluesky.session;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * A logged-in session: the tokens createSession or refreshSession returned, and for which account
 * and PDS, so a cached session is never used for another account.
 */
public record Session(URI pds, String identifier, String did, String handle, String accessJwt, String refreshJwt) {

  private static final ObjectMapper JSON = new ObjectMapper();

  static Session from(Credentials credentials, JsonNode response) {
    return new Session(credentials.pds(), credentials.identifier(), response.path("did").asText(),
        response.path("handle").asText(), response.path("accessJwt").asText(), response.path("refreshJwt").asText());
  }

  boolean belongsTo(Credentials credentials) {
    return pds.equals(credentials.pds()) && identifier.equals(credentials.identifier());
  }

  /** When the access token expires, from its {@code exp} claim; empty if the token has none. */
  @JsonIgnore
  Optional<Instant> accessExpiresAt() {
    String[] parts = accessJwt.split("\\.");
    if (parts.length < 2) {
      return Optional.empty();
    }
    try {
      JsonNode claims = JSON.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
      return claims.has("exp") ? Optional.of(Instant.ofEpochSecond(claims.get("exp").asLong())) : Optional.empty();
    } catch (IOException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  @Override
  public String toString() {
    return "Session[pds=" + pds + ", did=" + did + ", handle=" + handle + "]";
  }
}
