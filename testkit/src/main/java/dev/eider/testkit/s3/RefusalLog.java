package dev.eider.testkit.s3;

import java.util.ArrayList;
import java.util.List;

/** The requests refused so far, in order. */
final class RefusalLog {

  private final List<LocalS3.Refusal> refusals = new ArrayList<>();

  synchronized void add(LocalS3.Refusal refusal) {
    refusals.add(refusal);
  }

  synchronized List<LocalS3.Refusal> snapshot() {
    return List.copyOf(refusals);
  }
}
