package dev.eider.operator.branch.database;

import dev.eider.contract.args.WorkerCommandLine;
import dev.eider.contract.env.WorkerEnv;
import dev.eider.operator.api.branch.BranchDeployment;
import dev.eider.operator.branch.BranchLabels;
import dev.eider.operator.branch.BranchNames;
import dev.eider.operator.platform.EiderConfig;
import dev.eider.operator.platform.KubeNames;
import dev.eider.operator.platform.Labels;
import dev.eider.operator.platform.OwnerReferences;
import dev.eider.operator.platform.WorkerEnvironment;
import dev.eider.operator.platform.WorkerSecrets;
import dev.eider.operator.workerjob.WorkerContainer;
import dev.eider.operator.workerjob.WorkerJobTemplate;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The worker Jobs that clone production into a staging database ({@code db clone --from <prod> --to
 * <staging> --replace}) and drop it together with the branch's objects ({@code db drop <staging>
 * --objects-prefix <prefix>/branches/<slug>-<hash>}, production's prefix protected by
 * {@code EIDER_PROTECTED_PREFIX}). They run in the operator's job
 * namespace with the operator's warehouse and storage credentials and its own worker image (never
 * the branch's, which is untrusted code), tell the worker which databases are protected, run in the
 * pod every worker shares ({@link WorkerJobTemplate}), and are owned by the BranchDeployment.
 * Names are deterministic: the same clone (source, target, reset request, attempt) is the same Job.
 */
public final class DatabaseJobs {

  public static final String CLONE = "clone";
  public static final String DROP = "drop";
  /** Label with the attempt number of a clone or drop. */
  public static final String ATTEMPT = "eider.dev/attempt";
  /** The drop Job's production object prefix, which the worker never deletes objects under. */
  static final String PROTECTED_PREFIX_ENV = WorkerEnv.PROTECTED_PREFIX;

  private final EiderConfig config;
  private final WorkerJobTemplate template;

  public DatabaseJobs(EiderConfig config) {
    this.config = config;
    this.template = new WorkerJobTemplate(config);
  }

  public static String cloneName(String deployment, String source, String staging, String resetRequest, int attempt) {
    String key = KubeNames.hash(source + "\n" + staging + "\n" + (resetRequest == null ? "" : resetRequest), 8);
    return KubeNames.join(BranchLabels.labelValue(deployment), CLONE + "-" + key + "-" + attempt, KubeNames.LABEL_MAX);
  }

  public static String dropName(String deployment, String staging, int attempt) {
    return KubeNames.join(BranchLabels.labelValue(deployment), DROP + "-" + KubeNames.hash(staging, 8) + "-" + attempt, KubeNames.LABEL_MAX);
  }

  public Job clone(BranchDeployment deployment, String namespace, String name, int attempt, StagingDatabase.Target target) {
    List<String> args = WorkerCommandLine.dbClone(target.production().display(), target.staging().display());
    return job(deployment, namespace, name, CLONE, attempt, args, target.production().display(), target.protectedList(), Map.of());
  }

  /**
   * Drops {@code staging}, then deletes the objects under the branch's object prefix (the one its
   * namespace's {@code eider.dev/object-prefix} annotation names), never under production's.
   */
  public Job drop(BranchDeployment deployment, String namespace, String name, int attempt, String staging, String production,
                  String protectedList, BranchNames names) {
    String productionPrefix = config.storage().prefix();
    List<String> args = WorkerCommandLine.dbDrop(staging, names.objectPrefix(productionPrefix));
    return job(deployment, namespace, name, DROP, attempt, args, production, protectedList,
        Map.of(PROTECTED_PREFIX_ENV, productionPrefix));
  }

  private Job job(BranchDeployment deployment, String namespace, String name, String operation, int attempt, List<String> args,
                  String production, String protectedList, Map<String, String> extraEnv) {
    String deploymentLabel = BranchLabels.labelValue(deployment.getMetadata().getName());
    Map<String, String> labels = new LinkedHashMap<>(Labels.recommended(Labels.NAME_WORKER, deploymentLabel, "branch-database-" + operation));
    labels.put(BranchLabels.BRANCH_DEPLOYMENT, deploymentLabel);
    labels.put(BranchLabels.DATABASE_OP, operation);
    labels.put(ATTEMPT, Integer.toString(attempt));
    Map<String, String> annotations = Map.of(BranchLabels.DEPLOYMENT_NAME_ANNOTATION, deployment.getMetadata().getName());
    ObjectMeta meta = new ObjectMetaBuilder()
        .withName(name)
        .withNamespace(namespace)
        .withLabels(labels)
        .withAnnotations(annotations)
        .withOwnerReferences(OwnerReferences.controller(deployment, false))
        .build();
    WorkerContainer container = new WorkerContainer(config.worker().image(), config.worker().serviceAccount().orElse(null), args,
        env(production, protectedList, extraEnv), WorkerSecrets.of(config).production(), null, true);
    return template.build(meta, config.branch().jobTimeout(), container);
  }

  private List<EnvVar> env(String production, String protectedList, Map<String, String> extraEnv) {
    Map<String, EnvVar> env = WorkerEnvironment.defaults(config);
    WorkerEnvironment.put(env, WorkerEnv.WAREHOUSE, production);
    WorkerEnvironment.put(env, WorkerEnv.PROTECTED_DATABASES, protectedList);
    extraEnv.forEach((key, value) -> WorkerEnvironment.put(env, key, value));
    return new ArrayList<>(env.values());
  }

  /** The attempt a Job records in its label, 0 when unreadable. */
  public static int attemptOf(Job job) {
    String value = job.getMetadata().getLabels() == null ? null : job.getMetadata().getLabels().get(ATTEMPT);
    try {
      return value == null ? 0 : Integer.parseInt(value);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
