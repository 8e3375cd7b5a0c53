package dev.eider.worker.bluesky.session;

import java.util.Optional;

/** A session kept for this run only: when there is nowhere that outlives the pod to put it. */
public final class InMemorySessionStore implements SessionStore {

  private Session session;

  @Override
  public synchronized Optional<Session> load() {
    return Optional.ofNullable(session);
  }

  @Override
  public synchronized void save(Session session) {
    this.session = session;
  }

  @Override
  public synchronized void clear() {
    session = null;
  }
}
