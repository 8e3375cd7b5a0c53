package dev.eider.worker.bluesky.session;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eider.worker.storage.ObjectStore;
import dev.eider.worker.storage.S3Failures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * The session as an object in the run's bucket, under the configured prefix. Every run is a pod
 * of its own with a read-only filesystem and nothing that outlives it, so the bucket, which every
 * run already writes, is what the next pod can find. The key carries a hash of the account, not
 * its name; the object holds tokens and is never logged.
 */
public final class ObjectSessionStore implements SessionStore {

  /** Under the prefix, beside the assets' folders: an asset name cannot start with '_'. */
  static final String FOLDER = "_eider/bluesky-sessions/";

  private static final Logger LOG = LoggerFactory.getLogger(ObjectSessionStore.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ObjectStore objects;
  private final String key;

  public ObjectSessionStore(ObjectStore objects, String identifier) {
    this.objects = objects;
    this.key = objects.key(FOLDER + sha256(identifier) + ".json");
  }

  /** The object's key in the bucket. */
  public String key() {
    return key;
  }

  @Override
  public Optional<Session> load() {
    byte[] body;
    try {
      body = objects.s3().getObjectAsBytes(b -> b.bucket(objects.bucket()).key(key)).asByteArray();
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    } catch (SdkException e) {
      throw S3Failures.of(e, "reading the stored Bluesky session s3://" + objects.bucket() + "/" + key);
    }
    try {
      return Optional.of(JSON.readValue(body, Session.class));
    } catch (IOException e) {
      // An unreadable session costs one login, not the run; the login overwrites it.
      LOG.warn("ignoring the unreadable stored Bluesky session s3://{}/{}", objects.bucket(), key);
      return Optional.empty();
    }
  }

  @Override
  public void save(Session session) {
    byte[] body;
    try {
      body = JSON.writeValueAsBytes(session);
    } catch (IOException e) {
      throw new IllegalStateException("a session is plain strings", e);
    }
    try {
      objects.s3().putObject(b -> b.bucket(objects.bucket()).key(key).contentType("application/json"), RequestBody.fromBytes(body));
    } catch (SdkException e) {
      throw S3Failures.of(e, "storing the Bluesky session at s3://" + objects.bucket() + "/" + key);
    }
  }

  @Override
  public void clear() {
    try {
      objects.s3().deleteObject(b -> b.bucket(objects.bucket()).key(key));
    } catch (SdkException e) {
      throw S3Failures.of(e, "deleting the stored Bluesky session s3://" + objects.bucket() + "/" + key);
    }
  }

  static String sha256(String identifier) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(identifier.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK ships SHA-256", e);
    }
  }
}
