package dev.eider.worker.run;

import picocli.CommandLine.IVersionProvider;

/** The worker's version, from the jar manifest written by the build. */
public final class WorkerVersion implements IVersionProvider {

  public static String current() {
    String version = WorkerVersion.class.getPackage().getImplementationVersion();
    return version == null ? "development" : version;
  }

  @Override
  public String[] getVersion() {
    return new String[] {"eider-worker " + current()};
  }
}
