package dev.eider.worker.bluesky;

import dev.eider.worker.run.WorkerFailure;
import java.util.regex.Pattern;

/** Syntax checks of AT Protocol identifiers, so a typo fails before the first request, naming the value. */
public final class AtIdentifiers {

  private static final String DID = "did:[a-z]+:[a-zA-Z0-9._:%-]*[a-zA-Z0-9._-]";
  private static final String HANDLE = "([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\\.)+[a-zA-Z]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?";
  private static final Pattern ACTOR = Pattern.compile("(" + DID + "|" + HANDLE + ")");
  private static final Pattern STARTER_PACK = Pattern.compile(
      "at://(" + DID + "|" + HANDLE + ")/app\\.bsky\\.graph\\.starterpack/[a-zA-Z0-9._~:-]{1,512}");

  private AtIdentifiers() {}

  public static String actor(String value) {
    if (value == null || value.length() > 2048 || !ACTOR.matcher(value).matches()) {
      throw WorkerFailure.badInput("'" + value + "' is neither a DID (did:plc:...) nor a handle (name.bsky.social)");
    }
    return value;
  }

  public static String starterPackUri(String value) {
    if (value == null || !STARTER_PACK.matcher(value).matches()) {
      throw WorkerFailure.badInput("'" + value + "' is not a starter pack AT-URI: expected at://<did or handle>/app.bsky.graph.starterpack/<rkey>");
    }
    return value;
  }
}
