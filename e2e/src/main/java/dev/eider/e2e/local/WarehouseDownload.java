package dev.eider.e2e.local;

import dev.eider.testkit.s3.LocalS3;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * A DuckDB file the workers keep in the local S3 server ({@code s3://bucket/key}), copied to a local
 * file to query it: DuckDB opens local files only (its httpfs extension is not available offline).
 */
public final class WarehouseDownload {

  private WarehouseDownload() {}

  /** Downloads {@code uri} to {@code target} (replacing it) and returns {@code target}. */
  public static Path download(LocalS3 s3, String uri, Path target) {
    String[] location = split(uri);
    try (S3Client client = client(s3)) {
      Files.createDirectories(target.toAbsolutePath().getParent());
      Files.deleteIfExists(target);
      client.getObject(b -> b.bucket(location[0]).key(location[1]), ResponseTransformer.toFile(target));
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The one value {@code sql} selects, as text, from a read-only copy of the {@code s3://}
   * database {@code uri} downloaded into {@code dir}.
   */
  public static String scalar(LocalS3 s3, String uri, Path dir, String sql) {
    Path copy = download(s3, uri, dir.resolve("copy.duckdb"));
    java.util.Properties readOnly = new java.util.Properties();
    readOnly.setProperty("duckdb.read_only", "true");
    try (java.sql.Connection db = java.sql.DriverManager.getConnection("jdbc:duckdb:" + copy, readOnly);
         java.sql.ResultSet rows = db.createStatement().executeQuery(sql)) {
      rows.next();
      return rows.getString(1);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException("cannot query " + uri + ": " + e.getMessage(), e);
    }
  }

  /** The object {@code s3://bucket/key} as UTF-8 text (a report). */
  public static String text(LocalS3 s3, String uri) {
    String[] location = split(uri);
    try (S3Client client = client(s3)) {
      return client.getObjectAsBytes(b -> b.bucket(location[0]).key(location[1])).asUtf8String();
    }
  }

  /** Writes {@code text} to the object {@code s3://bucket/key}, as the operator's admin key. */
  public static void upload(LocalS3 s3, String uri, String text) {
    String[] location = split(uri);
    try (S3Client client = client(s3)) {
      client.putObject(b -> b.bucket(location[0]).key(location[1]), software.amazon.awssdk.core.sync.RequestBody.fromString(text));
    }
  }

  /** The object's ETag, empty when it does not exist: a changed ETag is a changed database. */
  public static Optional<String> etag(LocalS3 s3, String uri) {
    String[] location = split(uri);
    try (S3Client client = client(s3)) {
      HeadObjectResponse head = client.headObject(b -> b.bucket(location[0]).key(location[1]));
      return Optional.of(head.eTag());
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
      if (e.statusCode() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }

  private static String[] split(String uri) {
    if (!uri.startsWith("s3://") || uri.indexOf('/', 5) < 0) {
      throw new IllegalArgumentException("not s3://<bucket>/<key>: " + uri);
    }
    String rest = uri.substring(5);
    int slash = rest.indexOf('/');
    return new String[] {rest.substring(0, slash), rest.substring(slash + 1)};
  }

  /** A client of the local S3 server, with its credentials. */
  public static S3Client client(LocalS3 s3) {
    return S3Client.builder().endpointOverride(s3.endpoint()).region(Region.of(LocalS3.REGION)).forcePathStyle(true)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(LocalS3.ACCESS_KEY, LocalS3.SECRET_KEY)))
        .build();
  }
}
