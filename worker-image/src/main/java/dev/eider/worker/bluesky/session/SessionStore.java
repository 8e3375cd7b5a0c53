package dev.eider.worker.bluesky.session;

import java.util.Optional;

/** Where a session survives between runs, so each run does not log in again. */
public interface SessionStore {

  Optional<Session> load();

  void save(Session session);

  void clear();
}
