package dev.eider.worker.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eider.testkit.bluesky.FakeBluesky;
import dev.eider.testkit.s3.LocalS3;
import dev.eider.worker.WorkerMain;
import dev.eider.worker.run.TerminationMessage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A fake Bluesky and an S3 server for ingestion tests, and ways to run the worker against them
 * and to read back what it stored. Each test gets its own prefix, so tests share the servers.
 */
public final class IngestFixture implements AutoCloseable {

  public static final String BUCKET = "eider";
  static final ObjectMapper JSON = new ObjectMapper();

  public final FakeBluesky bluesky;
  final LocalS3 s3Server;
  final S3Client s3;
  final Path dir;

  public IngestFixture(FakeBluesky bluesky, Path dir) {
    this.bluesky = bluesky;
    this.dir = dir;
    this.s3Server = LocalS3.start(dir.resolve("s3"), List.of(BUCKET));
    this.s3 = S3Client.builder().endpointOverride(s3Server.endpoint()).region(Region.of(LocalS3.REGION)).forcePathStyle(true)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(LocalS3.ACCESS_KEY, LocalS3.SECRET_KEY)))
        .build();
  }

  /** The environment of a worker pod: Bluesky, object storage, fast retries, a termination log. */
  public Map<String, String> env(String prefix) {
    Map<String, String> env = new HashMap<>(s3Server.clientEnvironment());
    env.put("EIDER_BUCKET", BUCKET);
    env.put("EIDER_PREFIX", prefix);
    env.put("BLUESKY_APPVIEW_URL", bluesky.url());
    env.put("BLUESKY_BACKOFF_INITIAL_MS", "50");
    env.put("BLUESKY_BACKOFF_MAX_MS", "400");
    env.put("BLUESKY_MAX_RETRIES", "4");
    env.put("BLUESKY_SESSION_CACHE", dir.resolve(prefix + "-session.json").toString());
    env.put(TerminationMessage.PATH_ENV, dir.resolve(prefix + "-termination-log").toString());
    env.put("HOME", dir.toString());
    return env;
  }

  Run run(Map<String, String> env, String... args) {
    int exitCode = WorkerMain.run(env, args);
    return new Run(exitCode, readTermination(env));
  }

  static JsonNode readTermination(Map<String, String> env) {
    Path path = Path.of(env.get(TerminationMessage.PATH_ENV));
    try {
      JsonNode node = Files.exists(path) ? JSON.readTree(path.toFile()) : JSON.createObjectNode();
      Files.deleteIfExists(path);
      return node;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  List<String> keys(String prefix) {
    return s3.listObjectsV2Paginator(b -> b.bucket(BUCKET).prefix(prefix + "/")).contents().stream().map(S3Object::key).toList();
  }

  List<JsonNode> lines(String key) {
    List<JsonNode> lines = new ArrayList<>();
    try (var in = new BufferedReader(new InputStreamReader(
        new GZIPInputStream(s3.getObject(b -> b.bucket(BUCKET).key(key))), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        JsonNode item = JSON.readTree(line);
        // NDJSON as DuckDB and jq read it: each line one compact object, nothing before or after it.
        String compact = new String(JSON.writeValueAsBytes(item), StandardCharsets.UTF_8);
        if (!line.equals(compact)) {
          int at = 0;
          while (at < Math.min(line.length(), compact.length()) && line.charAt(at) == compact.charAt(at)) {
            at++;
          }
          throw new AssertionError("line " + (lines.size() + 1) + " of " + key + " is not one compact JSON object: at character " + at
              + ", '" + line.substring(Math.max(0, at - 40), Math.min(line.length(), at + 40)) + "'");
        }
        lines.add(item);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return lines;
  }

  /** Each line of a gzip NDJSON object, streamed: for objects too big to hold as a list. */
  void eachLine(String key, java.util.function.Consumer<JsonNode> action) {
    try (var in = new BufferedReader(new InputStreamReader(
        new GZIPInputStream(s3.getObject(b -> b.bucket(BUCKET).key(key))), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        action.accept(JSON.readTree(line));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The multipart uploads begun under the prefix and neither completed nor aborted. */
  List<MultipartUpload> unfinishedUploads(String prefix) {
    return s3.listMultipartUploads(b -> b.bucket(BUCKET).prefix(prefix + "/")).uploads();
  }

  /** How many parts the unfinished uploads under the prefix have stored, as S3 lists them. */
  int uploadedParts(String prefix) {
    return unfinishedUploads(prefix).stream()
        .mapToInt(upload -> {
          try {
            return s3.listParts(b -> b.bucket(BUCKET).key(upload.key()).uploadId(upload.uploadId())).parts().size();
          } catch (NoSuchUploadException e) {
            return 0; // completed or aborted since it was listed
          }
        })
        .sum();
  }

  void abortUnfinishedUploads(String prefix) {
    unfinishedUploads(prefix).forEach(upload ->
        s3.abortMultipartUpload(b -> b.bucket(BUCKET).key(upload.key()).uploadId(upload.uploadId())));
  }

  @Override
  public void close() {
    s3.close();
    s3Server.close();
    bluesky.close();
  }

  record Run(int exitCode, JsonNode result) {}
}
