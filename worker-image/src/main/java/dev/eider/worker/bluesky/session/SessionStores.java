package dev.eider.worker.bluesky.session;

import dev.eider.worker.storage.ObjectStore;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a run keeps its Bluesky session. An explicit {@code BLUESKY_SESSION_CACHE} file wins
 * (local runs); otherwise the run's bucket, since in Kubernetes every run is a pod whose
 * filesystem dies with it; with neither, memory, for this run only.
 */
public final class SessionStores {

  private static final Logger LOG = LoggerFactory.getLogger(SessionStores.class);

  private SessionStores() {}

  public static SessionStore choose(Credentials credentials, Optional<Path> cacheFile, Optional<ObjectStore> objects) {
    if (cacheFile.isPresent()) {
      LOG.info("keeping the Bluesky session in the file {}", cacheFile.get());
      return new FileSessionStore(cacheFile.get());
    }
    if (objects.isPresent()) {
      ObjectSessionStore store = new ObjectSessionStore(objects.get(), credentials.identifier());
      LOG.info("keeping the Bluesky session in s3://{}/{}", objects.get().bucket(), store.key());
      return store;
    }
    LOG.info("keeping the Bluesky session for this run only: no BLUESKY_SESSION_CACHE and no object storage");
    return new InMemorySessionStore();
  }
}
