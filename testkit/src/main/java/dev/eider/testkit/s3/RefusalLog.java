package dev.eider.testkit.s3;

import java.util.ArrayList;
import java.util.List;

/** The requests refused so far, in order. */
final class RefusalLog {

  private final List<S3Refusal> refusals = new ArrayList<>();

  synchronized void add(S3Refusal refusal) {
    refusals.add(refusal);
  }

  synchronized List<S3Refusal> snapshot() {
    return List.copyOf(refusals);
  }
}
