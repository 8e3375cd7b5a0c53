package dev.eider.worker.warehouse;

import dev.eider.worker.storage.ObjectStore;

/** Lets tests in other packages write the {@link SampleFixture}. */
public final class SampleFixtureAccess {

  private SampleFixtureAccess() {}

  public static void write(ObjectStore store, String prefix) {
    SampleFixture.write(store, prefix);
  }
}
