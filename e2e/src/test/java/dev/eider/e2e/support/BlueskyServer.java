package dev.eider.e2e.support;

import dev.eider.testkit.bluesky.BlueskyDataset;
import dev.eider.testkit.bluesky.FakeBluesky;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fake Bluesky for each test, started before it and closed after it. Register it before a
 * {@link RunningOperator} whose configuration points the worker at {@link #url()}
 * ({@code @RegisterExtension @Order(1)}, the operator {@code @Order(2)}).
 */
public final class BlueskyServer implements BeforeEachCallback, AfterEachCallback {

  private final int members;
  private final int feedLength;
  private FakeBluesky server;

  private BlueskyServer(int members, int feedLength) {
    this.members = members;
    this.feedLength = feedLength;
  }

  /** A starter pack of {@code members}, each with {@code feedLength} posts. */
  public static BlueskyServer perTest(int members, int feedLength) {
    return new BlueskyServer(members, feedLength);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    server = FakeBluesky.builder().members(members).feedLength(feedLength).start();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (server != null) {
      server.close();
      server = null;
    }
  }

  public String url() {
    return server.url();
  }

  public BlueskyDataset dataset() {
    return server.dataset();
  }
}
