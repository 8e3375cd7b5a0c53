package dev.eider.worker.bluesky.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eider.testkit.s3.LocalS3;
import dev.eider.worker.storage.ObjectStore;
import dev.eider.worker.storage.StorageConfig;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;

class ObjectSessionStoreTest {

  static final String BUCKET = "sessions";
  /** sha256("alice.test"), computed outside Java ({@code printf %s alice.test | sha256sum}). */
  static final String ALICE_HASH = "20e0a34d1516d1a53f8a7c55c843fd51333051c057b8551b729a52186e1f9490";

  @TempDir static Path dir;
  static LocalS3 s3;

  @BeforeAll
  static void start() {
    s3 = LocalS3.start(dir, List.of(BUCKET));
  }

  @AfterAll
  static void stop() {
    s3.close();
  }

  @Test
  void theSessionIsAnObjectUnderThePrefixNamedByTheAccountsHash() {
    try (ObjectStore objects = objects("team/prod")) {
      ObjectSessionStore store = new ObjectSessionStore(objects, "alice.test");
      Session session = session("access-1", "refresh-1");

      store.save(session);

      assertThat(store.key()).isEqualTo("team/prod/_eider/bluesky-sessions/" + ALICE_HASH + ".json");
      assertThat(keys(objects, "team/prod/")).containsExactly(store.key());
      assertThat(store.load()).contains(session);
    }
  }

  @Test
  void aNewStoreOnTheSameBucketFindsTheSession() {
    Session session = session("access-2", "refresh-2");
    try (ObjectStore objects = objects("pods")) {
      new ObjectSessionStore(objects, "alice.test").save(session);
    }
    // Another pod: another client, nothing shared but the bucket.
    try (ObjectStore objects = objects("pods")) {
      assertThat(new ObjectSessionStore(objects, "alice.test").load()).contains(session);
      assertThat(new ObjectSessionStore(objects, "bob.test").load()).as("another account's session").isEmpty();
    }
  }

  @Test
  void clearDeletesTheObjectAndLoadThenFindsNothing() {
    try (ObjectStore objects = objects("cleared")) {
      ObjectSessionStore store = new ObjectSessionStore(objects, "alice.test");
      store.save(session("access-3", "refresh-3"));

      store.clear();

      assertThat(store.load()).isEmpty();
      assertThat(keys(objects, "cleared/")).isEmpty();
      store.clear(); // nothing there is fine
    }
  }

  @Test
  void anUnreadableObjectCostsALoginNotTheRun() {
    try (ObjectStore objects = objects("garbled")) {
      ObjectSessionStore store = new ObjectSessionStore(objects, "alice.test");
      objects.s3().putObject(b -> b.bucket(BUCKET).key(store.key()), RequestBody.fromString("{not json"));

      assertThat(store.load()).isEmpty();
    }
  }

  @Test
  void withoutAPrefixTheFolderIsAtTheBucketRoot() {
    try (ObjectStore objects = objects("")) {
      assertThat(new ObjectSessionStore(objects, "alice.test").key()).isEqualTo("_eider/bluesky-sessions/" + ALICE_HASH + ".json");
    }
  }

  private static ObjectStore objects(String prefix) {
    return ObjectStore.open(new StorageConfig(s3.endpoint(), LocalS3.ACCESS_KEY, LocalS3.SECRET_KEY, LocalS3.REGION, BUCKET, prefix));
  }

  private static List<String> keys(ObjectStore objects, String prefix) {
    return objects.s3().listObjectsV2Paginator(b -> b.bucket(BUCKET).prefix(prefix)).contents().stream().map(o -> o.key()).toList();
  }

  private static Session session(String access, String refresh) {
    return new Session(URI.create("https://pds.example"), "alice.test", "did:plc:alice", "alice.test", access, refresh);
  }
}
