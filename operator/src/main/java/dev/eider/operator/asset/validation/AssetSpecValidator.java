package dev.eider.operator.asset.validation;

import dev.eider.contract.time.Durations;
import dev.eider.operator.api.ApiLimits;
import dev.eider.operator.api.ApiPatterns;
import dev.eider.operator.api.asset.AssetSpec;
import dev.eider.operator.api.asset.BackoffSpec;
import dev.eider.operator.api.asset.BlueskySource;
import dev.eider.operator.api.asset.CronSchedule;
import dev.eider.operator.api.asset.DependencySpec;
import dev.eider.operator.api.asset.PartitionsSpec;
import dev.eider.operator.api.asset.ReportSpec;
import dev.eider.operator.api.asset.TimeWindowPartitions;
import dev.eider.operator.api.asset.TransformSpec;
import dev.eider.operator.api.asset.WorkerSpec;
import dev.eider.operator.asset.partition.PartitionKeyRules;
import dev.eider.operator.asset.sql.TransformModels;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Everything the CRD schema cannot check about an Asset: references to other assets and pools,
 * dependency cycles, cron expressions and zones, cross-field rules. Every problem is returned with
 * its field path, so one apply shows them all; nothing here throws.
 */
public final class AssetSpecValidator {

  private static final int MAX_KEY_PROBLEMS = 5;

  private final Set<String> pools;

  /** @param pools the concurrency pools the operator is configured with */
  public AssetSpecValidator(Set<String> pools) {
    this.pools = Set.copyOf(pools);
  }

  /**
   * @param name the asset's name
   * @param spec its spec
   * @param namespace every asset of its namespace by name (itself included), to resolve references
   */
  public List<SpecProblem> validate(String name, AssetSpec spec, Map<String, AssetSpec> namespace) {
    TransformModels.Resolution models = spec.getTransform() == null ? null
        : TransformModels.resolve(name, spec.getTransform(), TransformModels.ConfigMaps.NONE);
    return validate(name, spec, namespace, models);
  }

  /**
   * @param models the transform's models as {@link TransformModels} resolved them (with the
   *     namespace's ConfigMaps), null for an ingestion
   */
  public List<SpecProblem> validate(String name, AssetSpec spec, Map<String, AssetSpec> namespace,
      TransformModels.Resolution models) {
    List<SpecProblem> problems = new ArrayList<>();
    int kinds = (spec.getIngest() == null ? 0 : 1) + (spec.getTransform() == null ? 0 : 1) + (spec.getReport() == null ? 0 : 1);
    if (kinds != 1) {
      problems.add(new SpecProblem("spec", "exactly one of ingest, transform and report must be set"));
    }
    if (spec.getPool() != null && !pools.contains(spec.getPool())) {
      problems.add(new SpecProblem("spec.pool", "unknown pool '" + spec.getPool() + "'; configured pools: " + sorted(pools)));
    }
    if (spec.getTransform() != null) {
      transform(spec.getTransform(), problems);
      if (models != null) {
        problems.addAll(models.problems());
      }
      DataDiffRules.keys(spec.getTransform(), models == null || models.set() == null ? null : Set.copyOf(models.set().models()), problems);
    }
    if (spec.getReport() != null) {
      report(spec.getReport(), problems);
    }
    sizes(spec, problems);
    dependencies(name, spec, namespace, problems);
    partitions(spec, namespace, problems);
    if (spec.getWorker() != null) {
      worker(spec.getWorker(), problems);
    }
    source(spec, problems);
    if (spec.getAutomation() != null && spec.getAutomation().getCron() != null) {
      cron(spec.getAutomation().getCron(), problems);
    }
    if (spec.getRetry() != null && spec.getRetry().getBackoff() != null) {
      backoff(spec.getRetry().getBackoff(), problems);
    }
    problems.addAll(new CheckSpecRules().validate(spec.getChecks()));
    if (spec.getIngest() != null && !spec.getChecks().isEmpty()) {
      // The worker runs checks after a transform (transform --check-asset); an ingestion Job has
      // no warehouse to check, so checks here would never be evaluated.
      problems.add(new SpecProblem("spec.checks", "checks run after transforms only; check ingested data in the transform that reads it"));
    }
    if (spec.getReport() != null && !spec.getChecks().isEmpty()) {
      // A report writes no table to check; its inputs are checked by the transforms that build them.
      problems.add(new SpecProblem("spec.checks", "checks run after transforms only; check a report's tables in the transforms that build them"));
    }
    return problems;
  }

  // Inline and ConfigMap SQL is judged by TransformModels; shipped models are the worker image's to know.
  private static void transform(TransformSpec transform, List<SpecProblem> problems) {
    if (transform.getModels() != null && !transform.getModels().isEmpty()) {
      // The CRD's maxItems says the same; an Asset stored under an older CRD did not meet it.
      atMost("spec.transform.models", transform.getModels(), ApiLimits.MAX_MODELS, problems);
    }
    int sources = (transform.getModels() != null && !transform.getModels().isEmpty() ? 1 : 0)
        + (transform.getSql() != null ? 1 : 0) + (transform.getConfigMapRef() != null ? 1 : 0);
    if (sources > 1) {
      // The schema's oneOf says the same; an Asset stored under an older CRD may not have met it.
      problems.add(new SpecProblem("spec.transform", "exactly one of models, sql and configMapRef must be set"));
    }
  }

  private void dependencies(String name, AssetSpec spec, Map<String, AssetSpec> namespace, List<SpecProblem> problems) {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < spec.getDeps().size(); i++) {
      DependencySpec dep = spec.getDeps().get(i);
      String field = "spec.deps[" + i + "]";
      if (dep.getAsset() == null) {
        continue;
      }
      if (!seen.add(dep.getAsset())) {
        problems.add(new SpecProblem(field + ".asset", "'" + dep.getAsset() + "' is listed twice"));
      } else if (dep.getAsset().equals(name)) {
        problems.add(new SpecProblem(field + ".asset", "an asset cannot depend on itself"));
      } else if (!namespace.containsKey(dep.getAsset())) {
        problems.add(new SpecProblem(field + ".asset", "unknown asset '" + dep.getAsset() + "' in this namespace"));
      }
      if (dep.getWindow() != null && dep.getPartitionMapping() != DependencySpec.PartitionMapping.TIME_WINDOW) {
        problems.add(new SpecProblem(field + ".window", "only used with partitionMapping: timeWindow"));
      }
      if (dep.getWindow() != null && value(dep.getWindow().getEndOffset()) < value(dep.getWindow().getStartOffset())) {
        problems.add(new SpecProblem(field + ".window", "endOffset is before startOffset"));
      }
    }
    DependencyCycles.find(name, namespace).ifPresent(cycle ->
        problems.add(new SpecProblem("spec.deps", "dependency cycle: " + String.join(" -> ", cycle))));
  }

  // The CRD's maxItems say the same; an Asset stored under an older CRD did not meet them.
  private static void sizes(AssetSpec spec, List<SpecProblem> problems) {
    atMost("spec.deps", spec.getDeps(), ApiLimits.MAX_DEPS, problems);
    atMost("spec.checks", spec.getChecks(), ApiLimits.MAX_CHECKS, problems);
    if (spec.getPartitions() != null) {
      atMost("spec.partitions.static", spec.getPartitions().getStaticKeys(), ApiLimits.MAX_PARTITION_KEYS, problems);
    }
    if (spec.getWorker() != null) {
      atMost("spec.worker.env", spec.getWorker().getEnv(), ApiLimits.MAX_ENV, problems);
      atMost("spec.worker.envFrom", spec.getWorker().getEnvFrom(), ApiLimits.MAX_ENV, problems);
    }
  }

  private static void atMost(String field, List<?> list, int max, List<SpecProblem> problems) {
    if (list != null && list.size() > max) {
      problems.add(new SpecProblem(field, "has " + list.size() + " entries, more than the " + max + " allowed"));
    }
  }

  private static void worker(WorkerSpec worker, List<SpecProblem> problems) {
    if (worker.getImage() != null) {
      ImageReferences.problem(worker.getImage()).ifPresent(problem ->
          problems.add(new SpecProblem("spec.worker.image", "'" + WorkerSpecRules.shown(worker.getImage()) + "' is not an image reference: " + problem)));
    }
    WorkerSpecRules.validate(worker, problems);
  }

  private static final Pattern OBJECT_PATH = Pattern.compile(ApiPatterns.OBJECT_PATH);

  // The output becomes an object key under the namespace's prefix: never a way out of it.
  private static void report(ReportSpec report, List<SpecProblem> problems) {
    if (report.getKind() == null) {
      problems.add(new SpecProblem("spec.report.kind", "must be set: dashboard or dataDiff"));
    }
    DataDiffRules.report(report, problems);
    String output = report.getOutput();
    if (output != null && (output.length() > 512 || !OBJECT_PATH.matcher(output).matches()
        || List.of(output.split("/")).stream().anyMatch(segment -> segment.equals("..") || segment.equals(".")))) {
      problems.add(new SpecProblem("spec.report.output", "'" + WorkerSpecRules.shown(output) + "' must be a relative path of "
          + "letters, digits, '_', '.', '-' and '/' without '.' or '..' segments, at most 512 characters"));
    }
    if (report.getTitle() != null && report.getTitle().length() > 200) {
      problems.add(new SpecProblem("spec.report.title", "at most 200 characters"));
    }
  }

  // The actor and the starter pack's URI become requests, Job arguments and object keys, like partition keys do.
  private static void source(AssetSpec spec, List<SpecProblem> problems) {
    BlueskySource bluesky = spec.getIngest() == null ? null : spec.getIngest().getBluesky();
    if (bluesky == null) {
      return;
    }
    if (bluesky.getAuthorFeed() != null && bluesky.getAuthorFeed().getActor() != null) {
      keyProblem(PartitionKeyRules.Kind.ACTOR, bluesky.getAuthorFeed().getActor()).ifPresent(problem ->
          problems.add(new SpecProblem("spec.ingest.bluesky.authorFeed.actor", problem)));
    }
    if (bluesky.getStarterPack() != null && bluesky.getStarterPack().getUri() != null) {
      keyProblem(PartitionKeyRules.Kind.STARTER_PACK, bluesky.getStarterPack().getUri()).ifPresent(problem ->
          problems.add(new SpecProblem("spec.ingest.bluesky.starterPack.uri", problem)));
    }
  }

  private void partitions(AssetSpec spec, Map<String, AssetSpec> namespace, List<SpecProblem> problems) {
    PartitionsSpec partitions = spec.getPartitions();
    if (partitions == null) {
      return;
    }
    if (partitions.getStaticKeys() != null && new HashSet<>(partitions.getStaticKeys()).size() != partitions.getStaticKeys().size()) {
      problems.add(new SpecProblem("spec.partitions.static", "partition keys must be unique"));
    }
    if (partitions.getStaticKeys() != null && partitions.getStaticKeys().size() <= ApiLimits.MAX_PARTITION_KEYS) {
      staticKeys(PartitionKeyRules.kindOf(spec), partitions.getStaticKeys(), problems);
    }
    if (partitions.getDynamic() != null && partitions.getDynamic().getFromAsset() != null
        && !namespace.containsKey(partitions.getDynamic().getFromAsset())) {
      problems.add(new SpecProblem("spec.partitions.dynamic.fromAsset",
          "unknown asset '" + partitions.getDynamic().getFromAsset() + "' in this namespace"));
    }
    TimeWindowPartitions window = partitions.getTimeWindow();
    if (window != null) {
      cronExpression("spec.partitions.timeWindow.cron", window.getCron(), problems);
      zone("spec.partitions.timeWindow.timezone", window.getTimezone(), problems);
      Optional<LocalDateTime> start = localDateTime("spec.partitions.timeWindow.start", window.getStart(), problems);
      Optional<LocalDateTime> end = localDateTime("spec.partitions.timeWindow.end", window.getEnd(), problems);
      if (start.isPresent() && end.isPresent() && !end.get().isAfter(start.get())) {
        problems.add(new SpecProblem("spec.partitions.timeWindow.end", "must be after start"));
      }
    }
  }

  // At most a few problems: one bad generator of keys would otherwise repeat one message thousands of times.
  private static void staticKeys(PartitionKeyRules.Kind kind, List<String> keys, List<SpecProblem> problems) {
    int reported = 0;
    for (int i = 0; i < keys.size() && reported < MAX_KEY_PROBLEMS; i++) {
      Optional<String> problem = keyProblem(kind, keys.get(i));
      if (problem.isPresent()) {
        problems.add(new SpecProblem("spec.partitions.static[" + i + "]", problem.get()));
        reported++;
      }
    }
  }

  /**
   * A key's problem as {@link PartitionKeyRules} sees it, and for DIDs and AT-URIs a percent-encoding
   * other than a did:web port ({@code %3A}): {@code %2e%2e} or {@code %2f} would be decoded into
   * a path by whoever reads the key as a URL.
   */
  private static Optional<String> keyProblem(PartitionKeyRules.Kind kind, String key) {
    Optional<String> problem = PartitionKeyRules.problem(kind, key);
    if (problem.isPresent() || kind == PartitionKeyRules.Kind.GENERIC) {
      return problem;
    }
    for (int at = key.indexOf('%'); at >= 0; at = key.indexOf('%', at + 1)) {
      if (!key.regionMatches(true, at + 1, "3A", 0, 2)) {
        return Optional.of("'" + WorkerSpecRules.shown(key) + "' holds a percent-encoding other than %3A (a did:web port)");
      }
    }
    return Optional.empty();
  }

  private void cron(CronSchedule cron, List<SpecProblem> problems) {
    cronExpression("spec.automation.cron.schedule", cron.getSchedule(), problems);
    zone("spec.automation.cron.timezone", cron.getTimezone(), problems);
  }

  private void backoff(BackoffSpec backoff, List<SpecProblem> problems) {
    Optional<Duration> initial = Durations.parse(backoff.getInitial());
    Optional<Duration> max = Durations.parse(backoff.getMax());
    if (backoff.getInitial() != null && initial.isEmpty()) {
      problems.add(new SpecProblem("spec.retry.backoff.initial", "'" + WorkerSpecRules.shown(backoff.getInitial())
          + "' is not a duration of at most " + Durations.format(Durations.MAX)));
    }
    if (backoff.getMax() != null && max.isEmpty()) {
      problems.add(new SpecProblem("spec.retry.backoff.max", "'" + WorkerSpecRules.shown(backoff.getMax())
          + "' is not a duration of at most " + Durations.format(Durations.MAX)));
    }
    if (initial.isPresent() && max.isPresent() && max.get().compareTo(initial.get()) < 0) {
      problems.add(new SpecProblem("spec.retry.backoff.max", "is shorter than initial (" + backoff.getInitial() + ")"));
    }
  }

  private static void cronExpression(String field, String expression, List<SpecProblem> problems) {
    if (expression == null) {
      return;
    }
    CronExpressions.Parsed parsed = CronExpressions.parse(expression);
    if (parsed.cron().isEmpty()) {
      problems.add(new SpecProblem(field, "'" + WorkerSpecRules.shown(expression) + "' is not a 5-field cron expression: "
          + WorkerSpecRules.shown(parsed.error())));
    }
  }

  private static void zone(String field, String zone, List<SpecProblem> problems) {
    if (zone != null && CronExpressions.zone(zone).isEmpty()) {
      problems.add(new SpecProblem(field, "unknown time zone '" + WorkerSpecRules.shown(zone) + "'"));
    }
  }

  private static Optional<LocalDateTime> localDateTime(String field, String text, List<SpecProblem> problems) {
    if (text == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(text.contains("T") ? LocalDateTime.parse(text) : LocalDate.parse(text).atStartOfDay());
    } catch (DateTimeParseException e) {
      problems.add(new SpecProblem(field, "'" + WorkerSpecRules.shown(text) + "' is not a valid date"));
      return Optional.empty();
    }
  }

  private static int value(Integer offset) {
    return offset == null ? 0 : offset;
  }

  private static List<String> sorted(Set<String> values) {
    return values.stream().sorted().toList();
  }
}
