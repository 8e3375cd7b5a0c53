package dev.eider.operator.branch;

import dev.eider.operator.api.branch.BranchDeployment;
import io.fabric8.kubernetes.client.utils.Serialization;

/** BranchDeployments for tests, from YAML as users write them. */
public final class BranchFixtures {

  public static final String SAMPLE = """
      apiVersion: eider.dev/v1alpha1
      kind: BranchDeployment
      metadata: {name: feature-top-links, uid: 0b6d-uid, generation: 1, creationTimestamp: "2025-03-01T10:00:00Z"}
      spec:
        branch: feature/top-links
        commit: 3f9c2ab
        pullRequest: {number: 42, url: "https://github.com/acme/data/pull/42"}
        baseNamespace: bluesky
        assets: {from: base, selector: {}}
        overrides:
          image: ghcr.io/acme/worker:3f9c2ab
          automation: {cron: suspend}
          partitions: {limit: 5}
        database: {mode: clone}
        secrets: [bluesky-credentials, r2-readonly, bluesky-credentials]
        access: {groups: [data-team], users: [alice@example.com]}
        ttl: 72h
      """;

  private BranchFixtures() {}

  public static BranchDeployment sample() {
    return Serialization.unmarshal(SAMPLE, BranchDeployment.class);
  }

  public static BranchDeployment of(String yaml) {
    return Serialization.unmarshal(yaml, BranchDeployment.class);
  }
}
