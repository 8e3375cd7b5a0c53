package dev.eider.operator.asset.run;

import dev.eider.operator.workerjob.RunOutcome;
import com.fasterxml.jackson.databind.JsonNode;
import dev.eider.operator.api.asset.CheckResult;
import dev.eider.operator.api.asset.Materialization;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What this round's finished runs mean for the Asset as a whole: its newest materialization, checks and published keys. */
public record RunResults(Optional<Materialization> latest, Optional<List<CheckResult>> checks,
                         Map<String, List<String>> published) {

  public static RunResults of(List<RunObserver.Finished> finished) {
    RunObserver.Finished newest = null;
    RunObserver.Finished newestChecks = null;
    Map<String, List<String>> published = new LinkedHashMap<>();
    for (RunObserver.Finished run : finished) {
      RunOutcome outcome = run.outcome();
      if (!outcome.materialized()) {
        continue;
      }
      if (newest == null || outcome.finishedAt().isAfter(newest.outcome().finishedAt())) {
        newest = run;
      }
      if (!outcome.checks().isEmpty()
          && (newestChecks == null || outcome.finishedAt().isAfter(newestChecks.outcome().finishedAt()))) {
        newestChecks = run;
      }
      if (outcome.published() != null) {
        published.put(run.key(), outcome.published());
      }
    }
    Optional<Materialization> latest = Optional.ofNullable(newest).map(RunResults::materialization);
    Optional<List<CheckResult>> checks = Optional.ofNullable(newestChecks).map(run -> {
      run.outcome().checks().forEach(check -> check.setEvaluatedAt(run.outcome().finishedAt().toString()));
      return run.outcome().checks();
    });
    return new RunResults(latest, checks, published);
  }

  private static Materialization materialization(RunObserver.Finished run) {
    Materialization materialization = new Materialization();
    // Unpartitioned assets have no key: the field is left out rather than empty.
    materialization.setPartition(run.key().isEmpty() ? null : run.key());
    materialization.setJob(run.job());
    materialization.setFinishedAt(run.outcome().finishedAt().toString());
    JsonNode metadata = run.outcome().metadata();
    Optional<String> omitted = metadata == null ? Optional.empty() : ResultMetadata.problem(metadata);
    materialization.setMetadata(omitted.isPresent() ? null : metadata);
    materialization.setMetadataOmitted(omitted.orElse(null));
    return materialization;
  }
}
