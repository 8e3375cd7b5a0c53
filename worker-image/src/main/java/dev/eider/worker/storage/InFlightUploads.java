package dev.eider.worker.storage;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The multipart uploads this process has begun and not yet completed or aborted. When the process
 * is asked to stop (SIGTERM: the pod is deleted, or its Job's deadline passes), a shutdown hook
 * aborts them, so a stopped run leaves no incomplete upload behind: S3 keeps (and bills) the parts
 * of one until it is aborted, and nothing else would ever abort it. A SIGKILL runs no hook; the
 * bucket's lifecycle rule for incomplete uploads is the net for that (docs/operations.md).
 */
final class InFlightUploads {

  private static final Logger LOG = LoggerFactory.getLogger(InFlightUploads.class);
  private static final Set<ObjectUpload> UPLOADS = ConcurrentHashMap.newKeySet();
  private static volatile boolean hookInstalled;

  private InFlightUploads() {}

  static void begun(ObjectUpload upload) {
    installHook();
    UPLOADS.add(upload);
  }

  static void ended(ObjectUpload upload) {
    UPLOADS.remove(upload);
  }

  private static synchronized void installHook() {
    if (!hookInstalled) {
      Runtime.getRuntime().addShutdownHook(new Thread(InFlightUploads::abortAll, "abort-uploads"));
      hookInstalled = true;
    }
  }

  private static void abortAll() {
    for (ObjectUpload upload : UPLOADS) {
      try {
        upload.abort();
        LOG.info("stopping: aborted the unfinished upload of {}", upload.key());
      } catch (RuntimeException e) {
        LOG.warn("stopping: could not abort the upload of {}: {}", upload.key(), e.getMessage());
      }
    }
  }
}
