package dev.eider.worker.bluesky.session;

import java.net.URI;

/** An account to log in with. The password is an app password; it never leaves this object but to the PDS. */
public record Credentials(URI pds, String identifier, String password) {

  @Override
  public String toString() {
    return "Credentials[pds=" + pds + ", identifier=" + identifier + "]";
  }
}
