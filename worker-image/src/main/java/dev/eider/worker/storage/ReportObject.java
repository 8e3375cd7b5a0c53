package dev.eider.worker.storage;

import dev.eider.worker.run.WorkerFailure;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * A report a command writes for people (the dashboard page, the data diff): one object at a
 * relative path under {@code EIDER_PREFIX}. The path comes from the command line, so it is held to
 * plain segments: no {@code ..}, nothing absolute, nothing that could land outside the run's prefix.
 */
public final class ReportObject {

  static final int MAX_PATH = 512;
  private static final Pattern RELATIVE_PATH = Pattern.compile("[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*");

  private final String path;

  private ReportObject(String path) {
    this.path = path;
  }

  /** The report at {@code path}, given as {@code option}; anything but a plain relative path is bad input. */
  public static ReportObject at(String path, String option) {
    if (!RELATIVE_PATH.matcher(path).matches() || path.contains("..") || path.length() > MAX_PATH) {
      throw WorkerFailure.badInput(option + " '" + path + "' must be a relative path of letters, digits, '_', '.', "
          + "'-' and '/', without '..', at most " + MAX_PATH + " characters");
    }
    return new ReportObject(path);
  }

  /** Writes the report (replacing an earlier one) and returns its {@code s3://} address. */
  public String write(StorageConfig storage, byte[] body, String contentType, String what) {
    try (ObjectStore store = ObjectStore.open(storage)) {
      String key = store.key(path);
      store.s3().putObject(b -> b.bucket(store.bucket()).key(key).contentType(contentType).cacheControl("no-cache"),
          RequestBody.fromBytes(body));
      return "s3://" + store.bucket() + "/" + key;
    } catch (SdkException e) {
      throw S3Failures.of(e, "uploading " + what);
    }
  }
}
