package dev.eider.worker.warehouse;

import dev.eider.contract.env.WorkerEnv;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where each ingestion asset's raw objects are read. By default under one prefix
 * ({@value RawLoader#PREFIX_ENV}, else {@code EIDER_PREFIX}): production reads its own, a branch
 * production's. In a branch, {@value #OWN_ENV} names the ingestion assets the branch ran itself:
 * theirs are read from the branch's own prefix ({@code EIDER_PREFIX}). With that variable set (a
 * branch), a raw table keeps only the rows of objects under the prefix it is read from now: the
 * rows its staging database was cloned with (production's objects) leave when the branch reads
 * its own, so the branch's transforms see the branch's data for that asset, and nothing else.
 *
 * @param shared the prefix most assets are read from
 * @param own the branch's own prefix
 * @param ownAssets the ingestion assets read from {@code own}
 * @param mirror whether a raw table drops rows of objects outside the prefix it is read from
 */
public record RawPrefixes(String shared, String own, Set<String> ownAssets, boolean mirror) {

  public static final String OWN_ENV = WorkerEnv.OWN_RAW_ASSETS;

  public static RawPrefixes of(String prefix) {
    return new RawPrefixes(prefix, prefix, Set.of(), false);
  }

  public static RawPrefixes fromEnvironment(Map<String, String> env) {
    String own = env.getOrDefault(WorkerEnv.PREFIX, "");
    String assets = env.get(OWN_ENV);
    if (assets == null) {
      return of(RawLoader.prefixFromEnvironment(env));
    }
    Set<String> names = new TreeSet<>();
    Arrays.stream(assets.split(",")).map(String::strip).filter(name -> !name.isEmpty()).forEach(names::add);
    return new RawPrefixes(RawLoader.prefixFromEnvironment(env), own, names, true);
  }

  /** The prefix {@code asset}'s objects are read from. */
  public String prefixOf(String asset) {
    return ownAssets.contains(asset) ? own : shared;
  }
}
