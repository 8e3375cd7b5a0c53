package dev.eider.testkit.s3;

import dev.eider.testkit.s3.S3Grant.Access;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Tells which S3 operation a path-style request is, from its method, path, subresource parameters
 * and headers, and what it needs granted. Only the operations listed here are recognised; anything
 * else (ACLs, tagging, versioning, policies...) is refused before it reaches S3Mock.
 */
final class OperationClassifier {

  /** The AWS SDK's operation hint ({@code ?x-id=GetObject}): informational, never a subresource. */
  private static final String SDK_OPERATION_HINT = "x-id";
  private static final Set<String> LIST_PARAMETERS = Set.of("prefix", "delimiter", "max-keys", "marker", "list-type",
      "continuation-token", "start-after", "fetch-owner", "encoding-type");
  private static final Set<String> GET_OBJECT_PARAMETERS = Set.of("versionId", "partNumber", "response-cache-control",
      "response-content-disposition", "response-content-encoding", "response-content-language", "response-content-type",
      "response-expires");
  private static final Set<String> LIST_UPLOADS_PARAMETERS = Set.of("uploads", "prefix", "delimiter", "max-uploads",
      "key-marker", "upload-id-marker", "encoding-type");
  private static final Set<String> LIST_PARTS_PARAMETERS = Set.of("uploadId", "max-parts", "part-number-marker", "encoding-type");
  private static final String COPY_SOURCE = "x-amz-copy-source";

  private OperationClassifier() {}

  static S3Operation classify(IncomingRequest request) {
    S3Path path = S3Path.parse(request.rawPath());
    String bucket = path.bucket();
    String key = path.key();
    Set<String> parameters = subresourceParameters(request);
    if (bucket.isEmpty()) {
      return request.method().equals("GET") && parameters.isEmpty()
          ? new S3Operation("ListBuckets", "", "", List.of(RequiredAccess.allBuckets(Access.READ)))
          : S3Operation.unrecognised(bucket, key);
    }
    if (key.isEmpty()) {
      return bucketOperation(request, bucket, parameters);
    }
    if (request.rawPath().indexOf(';') >= 0) {
      // S3 keeps "a;v=1/b" as the key, but the servlet container in front of S3Mock strips
      // ";v=1" as a path parameter: S3Mock would write another key than the one authorised. An
      // SDK sends ';' in a key as %3B, which is unaffected, so only hand-made requests meet this.
      return S3Operation.unrecognised(bucket, key);
    }
    return objectOperation(request, bucket, key, parameters);
  }

  private static S3Operation bucketOperation(IncomingRequest request, String bucket, Set<String> parameters) {
    String method = request.method();
    if (method.equals("GET") && LIST_PARAMETERS.containsAll(parameters)) {
      String prefix = request.queryValue("prefix");
      String name = "2".equals(request.queryValue("list-type")) ? "ListObjectsV2" : "ListObjects";
      return new S3Operation(name, bucket, "", List.of(RequiredAccess.list(bucket, prefix == null ? "" : prefix)));
    }
    if (method.equals("GET") && parameters.contains("uploads") && LIST_UPLOADS_PARAMETERS.containsAll(parameters)) {
      // Lists keys (of unfinished uploads): the same grant as listing the objects under the prefix.
      String prefix = request.queryValue("prefix");
      return new S3Operation("ListMultipartUploads", bucket, "", List.of(RequiredAccess.list(bucket, prefix == null ? "" : prefix)));
    }
    if (method.equals("GET") && parameters.equals(Set.of("location"))) {
      return new S3Operation("GetBucketLocation", bucket, "", List.of(RequiredAccess.bucket(Access.READ, bucket)));
    }
    if (method.equals("POST") && parameters.equals(Set.of("delete"))) {
      // Every key named must be writable, or the whole request is refused. S3 would delete the
      // granted keys and report AccessDenied per key in the response; refusing it all is simpler
      // and errs on the side of deleting nothing.
      List<RequiredAccess> needs = new ArrayList<>();
      for (String key : DeleteObjectsKeys.parse(request.body())) {
        needs.add(RequiredAccess.object(Access.WRITE, bucket, key));
      }
      return new S3Operation("DeleteObjects", bucket, "", needs);
    }
    if (!parameters.isEmpty()) {
      return S3Operation.unrecognised(bucket, "");
    }
    return switch (method) {
      case "HEAD" -> new S3Operation("HeadBucket", bucket, "", List.of(RequiredAccess.anyOnBucket(bucket)));
      case "PUT" -> new S3Operation("CreateBucket", bucket, "", List.of(RequiredAccess.bucket(Access.WRITE, bucket)));
      case "DELETE" -> new S3Operation("DeleteBucket", bucket, "", List.of(RequiredAccess.bucket(Access.WRITE, bucket)));
      default -> S3Operation.unrecognised(bucket, "");
    };
  }

  private static S3Operation objectOperation(IncomingRequest request, String bucket, String key, Set<String> parameters) {
    String method = request.method();
    RequiredAccess read = RequiredAccess.object(Access.READ, bucket, key);
    RequiredAccess write = RequiredAccess.object(Access.WRITE, bucket, key);
    String copySource = request.header(COPY_SOURCE);
    if ((method.equals("GET") || method.equals("HEAD")) && GET_OBJECT_PARAMETERS.containsAll(parameters)) {
      return new S3Operation(method.equals("GET") ? "GetObject" : "HeadObject", bucket, key, List.of(read));
    }
    if (method.equals("GET") && parameters.contains("uploadId") && LIST_PARTS_PARAMETERS.containsAll(parameters)) {
      return new S3Operation("ListParts", bucket, key, List.of(read));
    }
    if (method.equals("PUT") && parameters.isEmpty()) {
      return copySource == null
          ? new S3Operation("PutObject", bucket, key, List.of(write))
          : new S3Operation("CopyObject", bucket, key, List.of(write, copySourceRead(copySource)));
    }
    if (method.equals("PUT") && parameters.equals(Set.of("partNumber", "uploadId"))) {
      return copySource == null
          ? new S3Operation("UploadPart", bucket, key, List.of(write))
          : new S3Operation("UploadPartCopy", bucket, key, List.of(write, copySourceRead(copySource)));
    }
    if (copySource != null) {
      return S3Operation.unrecognised(bucket, key);
    }
    if (method.equals("POST") && parameters.equals(Set.of("uploads"))) {
      return new S3Operation("CreateMultipartUpload", bucket, key, List.of(write));
    }
    if (method.equals("POST") && parameters.equals(Set.of("uploadId"))) {
      return new S3Operation("CompleteMultipartUpload", bucket, key, List.of(write));
    }
    if (method.equals("DELETE") && parameters.equals(Set.of("uploadId"))) {
      return new S3Operation("AbortMultipartUpload", bucket, key, List.of(write));
    }
    if (method.equals("DELETE") && Set.of("versionId").containsAll(parameters)) {
      return new S3Operation("DeleteObject", bucket, key, List.of(write));
    }
    return S3Operation.unrecognised(bucket, key);
  }

  /** {@code x-amz-copy-source: [/]bucket/key[?versionId=..]}, URL-encoded. */
  private static RequiredAccess copySourceRead(String header) {
    String source = header.strip();
    int question = source.indexOf('?');
    if (question >= 0) {
      source = source.substring(0, question);
    }
    source = PercentCoding.decode(source.startsWith("/") ? source.substring(1) : source);
    int slash = source.indexOf('/');
    if (slash <= 0 || slash == source.length() - 1) {
      throw new S3Failure(400, "InvalidArgument", "Invalid copy source object key");
    }
    return RequiredAccess.object(Access.READ, source.substring(0, slash), source.substring(slash + 1));
  }

  /** The parameter names that select what the request does; presigning and the SDK's hint do not. */
  private static Set<String> subresourceParameters(IncomingRequest request) {
    Set<String> names = new TreeSet<>();
    for (IncomingRequest.QueryParameter parameter : request.query()) {
      String name = parameter.name();
      if (!name.equals(SDK_OPERATION_HINT) && !name.startsWith("X-Amz-")) {
        names.add(name);
      }
    }
    return names;
  }
}
