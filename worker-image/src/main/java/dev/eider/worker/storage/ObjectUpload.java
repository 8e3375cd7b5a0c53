package dev.eider.worker.storage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * An object written as a stream, in parts of {@link #PART_SIZE} bytes, so memory stays bounded
 * whatever the size. Nothing is visible until {@link #commit()}: a multipart upload only becomes
 * an object when completed, and {@link #abort()} leaves none; a process stopped by SIGTERM aborts
 * its unfinished uploads on the way out ({@link InFlightUploads}). Objects
 * smaller than one part are written with a single PutObject at commit. Storage errors surface as
 * {@link S3Failures}: a refused write is bad input (check the credentials), not a failure to retry.
 */
public final class ObjectUpload extends OutputStream {

  /** 8 MiB: above S3's and R2's 5 MiB minimum part size, small enough for a 128 MiB heap. */
  public static final int PART_SIZE = 8 * 1024 * 1024;

  private final S3Client s3;
  private final String bucket;
  private final String key;
  private final String contentType;
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(PART_SIZE);
  private final List<CompletedPart> parts = new ArrayList<>();
  private String uploadId;
  private long size;
  private boolean finished;

  public ObjectUpload(S3Client s3, String bucket, String key, String contentType) {
    this.s3 = s3;
    this.bucket = bucket;
    this.key = key;
    this.contentType = contentType;
  }

  @Override
  public void write(int b) throws IOException {
    buffer.write(b);
    size++;
    flushFullPart();
  }

  @Override
  public void write(byte[] bytes, int offset, int length) throws IOException {
    while (length > 0) {
      int room = PART_SIZE - buffer.size();
      int chunk = Math.min(room, length);
      buffer.write(bytes, offset, chunk);
      size += chunk;
      offset += chunk;
      length -= chunk;
      flushFullPart();
    }
  }

  private void flushFullPart() {
    if (buffer.size() >= PART_SIZE) {
      uploadPart();
    }
  }

  // Synchronized with abort(): the shutdown hook may abort while the run's thread uploads a part.
  private synchronized void uploadPart() {
    if (finished) {
      throw new IllegalStateException("the upload of " + key + " was aborted: the worker is stopping");
    }
    try {
      if (uploadId == null) {
        uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(key).contentType(contentType)).uploadId();
        InFlightUploads.begun(this);
      }
      int number = parts.size() + 1;
      String etag = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(number),
          RequestBody.fromBytes(buffer.toByteArray())).eTag();
      parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
      buffer.reset();
    } catch (SdkException e) {
      throw S3Failures.of(e, "uploading s3://" + bucket + "/" + key);
    }
  }

  /** Makes the object visible, whole. Returns its size in bytes. */
  public synchronized long commit() {
    if (finished) {
      throw new IllegalStateException("upload of " + key + " already finished");
    }
    if (uploadId == null) {
      try {
        s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType), RequestBody.fromBytes(buffer.toByteArray()));
      } catch (SdkException e) {
        throw S3Failures.of(e, "uploading s3://" + bucket + "/" + key);
      }
    } else {
      if (buffer.size() > 0) {
        uploadPart();
      }
      try {
        s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId)
            .multipartUpload(m -> m.parts(parts)));
      } catch (SdkException e) {
        throw S3Failures.of(e, "completing the upload of s3://" + bucket + "/" + key);
      }
      InFlightUploads.ended(this);
    }
    finished = true;
    return size;
  }

  /** Discards everything written; no object appears. */
  public synchronized void abort() {
    if (finished) {
      return;
    }
    finished = true;
    buffer.reset();
    if (uploadId != null) {
      try {
        s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
      } catch (SdkException e) {
        throw S3Failures.of(e, "aborting the upload of s3://" + bucket + "/" + key);
      } finally {
        InFlightUploads.ended(this);
      }
    }
  }

  /** Closing without {@link #commit()} aborts: an exception on the way out must not publish half an object. */
  @Override
  public void close() {
    abort();
  }

  public String key() {
    return key;
  }
}
