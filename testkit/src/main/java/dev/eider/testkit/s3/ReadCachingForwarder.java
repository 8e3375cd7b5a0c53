package dev.eider.testkit.s3;

import com.sun.net.httpserver.HttpExchange;
import dev.eider.testkit.s3.ObjectReadCache.Answer;
import java.io.IOException;

/** Forwards to S3Mock, answering repeated plain GETs from an {@link ObjectReadCache}. */
final class ReadCachingForwarder implements RequestForwarder {

  private final BackendForwarder backend;
  private final ObjectReadCache cache;

  ReadCachingForwarder(BackendForwarder backend, ObjectReadCache cache) {
    this.backend = backend;
    this.cache = cache;
  }

  @Override
  public void forward(IncomingRequest request, HttpExchange exchange) throws IOException {
    if (ObjectReadCache.mayWrite(request.method())) {
      cache.forgetAll();
      try {
        backend.forward(request, exchange);
      } finally {
        // S3Mock may have written after the first forgetting; a GET read meanwhile is not kept either.
        cache.forgetAll();
      }
      return;
    }
    String key = ObjectReadCache.keyOf(request);
    if (key == null) {
      backend.forward(request, exchange);
      return;
    }
    Answer kept = cache.find(key, request.header("if-match"));
    if (kept == null) {
      long writes = cache.writes();
      kept = backend.fetch(request);
      cache.keep(key, writes, kept);
    }
    BackendForwarder.answer(exchange, request.method(), kept);
  }
}
