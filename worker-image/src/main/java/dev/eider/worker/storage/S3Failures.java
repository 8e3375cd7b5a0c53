package dev.eider.worker.storage;

import dev.eider.worker.run.WorkerFailure;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Object storage errors as worker failures: what failed, and whether retrying can help. */
public final class S3Failures {

  private S3Failures() {}

  public static WorkerFailure of(SdkException e, String what) {
    if (e instanceof NoSuchBucketException) {
      return WorkerFailure.badInput(what + ": the bucket does not exist");
    }
    if (e instanceof S3Exception s3) {
      int status = s3.statusCode();
      String code = s3.awsErrorDetails() == null ? "" : " " + s3.awsErrorDetails().errorCode();
      if (status == 403) {
        return WorkerFailure.badInput(what + ": access denied (" + status + code + "), check the credentials");
      }
      if (status == 429 || status >= 500) {
        return WorkerFailure.retryable(what + ": object storage answered " + status + code, e);
      }
      return WorkerFailure.failed(what + ": object storage answered " + status + code, e);
    }
    if (e instanceof SdkClientException) {
      return WorkerFailure.retryable(what + ": object storage is unreachable: " + e.getMessage(), e);
    }
    return WorkerFailure.failed(what + ": " + e.getMessage(), e);
  }

  public static boolean isStatus(SdkException e, int... statuses) {
    if (e instanceof S3Exception s3) {
      for (int status : statuses) {
        if (s3.statusCode() == status) {
          return true;
        }
      }
    }
    return false;
  }
}
