package dev.eider.operator.platform;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The operator's configuration: defaults for every Job it launches and the limits it enforces.
 * Every key can be set in {@code application.properties}, Helm values or the environment
 * ({@code eider.worker.image} is {@code EIDER_WORKER_IMAGE}).
 */
@ConfigMapping(prefix = "eider")
public interface EiderConfig {

  Worker worker();

  Storage storage();

  Warehouse warehouse();

  Runs runs();

  LeaderElection leaderElection();

  Branch branch();

  Production production();

  /** Concurrency pools and their limits, counted across a namespace from live Jobs ({@code eider.pools.ingestion=1}). */
  Map<String, Integer> pools();

  /** The worker container. */
  interface Worker {
    /** Image of the worker, overridable per Asset (spec.worker.image). */
    @WithDefault("ghcr.io/eider/worker:0.1.0")
    String image();

    /** ServiceAccount of worker pods; empty: the namespace's default. */
    Optional<String> serviceAccount();

    /** Longest a run may take before Kubernetes stops it (the Job's activeDeadlineSeconds). */
    @WithDefault("1h")
    Duration timeout();

    /** Plain environment for every worker, for example {@code BLUESKY_APPVIEW_URL}; never secrets. */
    Map<String, String> env();

    /** Secret whose keys become every worker's environment, e.g. Bluesky credentials; empty: none. */
    Optional<String> envSecret();

    /** When the kubelet pulls the worker image: IfNotPresent, Always or Never. */
    @WithDefault("IfNotPresent")
    String imagePullPolicy();

    /** Size limit of the worker's scratch {@code /tmp} (an emptyDir): DuckDB unpacks its library and spills there. */
    @WithDefault("2Gi")
    String tmpSizeLimit();

    /** Requests and limits of every worker container; an Asset's spec.worker.resources wins per entry. */
    Resources resources();

    /** The user the worker runs as under the {@code restricted} Pod Security profile. */
    Security security();

    /**
     * Ingestions stream with bounded buffers and need little; transforms run DuckDB, whose memory
     * limit the worker derives from the container's memory limit (EIDER_MEMORY_LIMIT_BYTES), next
     * to a JVM that takes up to 75% of it for heap: 2Gi leaves DuckDB room. The requests are small so
     * that runs schedule on small nodes and fit the branch ResourceQuota.
     */
    interface Resources {
      Requests requests();

      Limits limits();

      /** Kubernetes quantities. */
      interface Requests {
        @WithDefault("250m")
        String cpu();

        @WithDefault("512Mi")
        String memory();
      }

      /** Kubernetes quantities; the worker reads them back through the Downward API. */
      interface Limits {
        @WithDefault("1")
        String cpu();

        @WithDefault("2Gi")
        String memory();
      }
    }

    /** Pod security context of workers; the worker image's user is 10001. */
    interface Security {
      @WithDefault("10001")
      long runAsUser();

      @WithDefault("10001")
      long runAsGroup();

      /** Group owning mounted volumes (the warehouse claim, /tmp), so that the worker can write them. */
      @WithDefault("10001")
      long fsGroup();
    }
  }

  /**
   * Which namespaces are production. Production is opt-in: only these namespaces, and those
   * labelled {@code eider.dev/production: "true"}, write the production prefix and warehouse. Every
   * other namespace that is not a branch's writes its own: objects under
   * {@code <storage.prefix>/namespaces/<namespace>} and a warehouse of its own (see NamespaceStorage).
   */
  interface Production {
    /** Namespaces whose runs write production; empty: only labelled namespaces. */
    Optional<List<String>> namespaces();
  }

  /** Object storage (S3, R2, MinIO) for raw data. */
  interface Storage {
    /** S3 endpoint, e.g. {@code https://<account>.r2.cloudflarestorage.com}; empty: AWS's default. */
    Optional<String> endpoint();

    @WithDefault("eider")
    String bucket();

    /** Key prefix under which every asset's objects go. */
    @WithDefault("raw")
    String prefix();

    /** Secret holding AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and optionally AWS_REGION). */
    @WithDefault("eider-storage")
    String credentialsSecret();
  }

  /** Where transforms build tables. */
  interface Warehouse {
    /**
     * {@code s3://bucket/key.duckdb} (a DuckDB file kept as an object), {@code md:<database>}, or a
     * DuckDB file path (only with {@link #volumeClaim()}). Empty: the DuckDB file
     * {@code s3://<storage.bucket>/<storage.prefix>/warehouse/eider.duckdb}.
     */
    Optional<String> connection();

    /**
     * PersistentVolumeClaim that every worker pod using the warehouse mounts at the parent directory
     * of a DuckDB file path; required with a path, refused otherwise. It must exist in each namespace
     * whose Assets transform and in the branch job namespace.
     */
    Optional<String> volumeClaim();

    /** Secret holding MOTHERDUCK_TOKEN for {@code md:} warehouses; empty: none. */
    Optional<String> credentialsSecret();
  }

  /** How runs are launched, retried and cleaned up. */
  interface Runs {
    /** Finished Jobs are deleted this long after they end (their outcome is recorded first). */
    @WithDefault("600")
    int jobTtlSeconds();

    /** A run whose pod has not started after this long is deleted and retried. */
    @WithDefault("10m")
    Duration pendingTimeout();

    /**
     * A run whose image cannot be pulled (ErrImagePull, ImagePullBackOff) is reported at once and
     * fails this long after its pod was created, unless the pull succeeds meanwhile; then it is
     * retried per the Asset's retry policy. Images that cannot exist (InvalidImageName,
     * ErrImageNeverPull) fail at once and are not retried.
     */
    @WithDefault("2m")
    Duration imagePullGrace();

    /**
     * Most runs of one Asset at a time, whatever its pool allows: a backfill of thousands of due
     * partitions starts this many Jobs, the rest wait (counted as queued in status) for them to end.
     */
    @WithDefault("10")
    int maxConcurrentPerAsset();

    /** Attempts per materialization when an Asset has no spec.retry. */
    @WithDefault("3")
    int maxAttempts();

    /** First retry delay when an Asset has no spec.retry.backoff. */
    @WithDefault("10s")
    Duration backoffInitial();

    /** Longest retry delay when an Asset has no spec.retry.backoff. */
    @WithDefault("5m")
    Duration backoffMax();

    /** Longest an Asset goes unreconciled while nothing happens, as a safety net for missed events. */
    @WithDefault("5m")
    Duration resyncInterval();
  }

  /** A Lease so that of several replicas only one acts; the others wait to take over. */
  interface LeaderElection {
    @WithDefault("true")
    boolean enabled();

    @WithDefault("eider-operator")
    String leaseName();

    /** Namespace of the Lease; empty: the operator's own namespace (in a cluster). */
    Optional<String> leaseNamespace();

    /** This replica's name in the Lease; empty: the pod name ($HOSTNAME), else a random id. */
    Optional<String> identity();

    @WithDefault("15s")
    Duration leaseDuration();

    @WithDefault("10s")
    Duration renewDeadline();

    @WithDefault("2s")
    Duration retryPeriod();
  }

  /** Branch deployments: what every branch namespace gets, and how staging databases are cloned and dropped. */
  interface Branch {
    /**
     * Whether the BranchDeployment controller runs. false: it is not registered at all (no informer
     * of BranchDeployments, Namespaces, Secrets or RoleBindings), so the operator needs none of the
     * branch permissions; the chart's {@code branch.enabled=false} also leaves them out of its RBAC.
     */
    @WithDefault("true")
    boolean enabled();

    /**
     * Namespace of the Jobs that clone and drop staging databases: they run with the operator's
     * warehouse credentials, which branch namespaces never get. Empty: the operator's own namespace.
     */
    Optional<String> jobNamespace();

    /**
     * Databases that are never a branch's staging database nor dropped by a teardown, besides the
     * production warehouse ({@code eider.warehouse.connection}); same forms as the worker's
     * EIDER_PROTECTED_DATABASES (a path, s3://bucket/key, md:name, or a bare name next to production).
     */
    Optional<List<String>> protectedDatabases();

    /**
     * Namespaces a BranchDeployment may name as {@code spec.baseNamespace}, besides those labelled
     * {@code eider.dev/branch-base: "true"}. A base's labelled Secrets are copied and its Assets read
     * by whoever may create a BranchDeployment, so the cluster admin picks them. Empty: only labelled
     * namespaces. Never kube-system, kube-public, kube-node-lease, the operator's namespace or a branch's.
     */
    Optional<List<String>> baseNamespaces();

    /**
     * ClusterRoles {@code spec.access.role} may bind in a branch namespace. Keep it equal to the
     * roles the operator may {@code bind} (the chart's {@code rbac.branchAccessRoles} sets both).
     * {@code admin} is left out by default: it lets the bound users grant anything in the namespace.
     */
    @WithDefault("view,edit")
    List<String> accessRoles();

    /**
     * Secret with the object-storage credentials (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY) of every
     * run in a branch namespace, in place of {@code eider.storage.credentials-secret}. Each
     * BranchDeployment copies it from its base namespace, where the cluster admin creates it and
     * labels it {@code eider.dev/branch-copy: "true"}. Give it what a branch needs and no more: read
     * on production's prefix, write only under {@code <prefix>/branches/} and on the staging
     * databases (docs/security.md). Production's own credential Secrets are never copied into a branch.
     */
    @WithDefault("eider-branch-storage")
    String storageCredentialsSecret();

    /**
     * Secret with MOTHERDUCK_TOKEN for branch runs when the warehouse is {@code md:}, copied like
     * the storage one; empty: branch runs get no warehouse credentials (a DuckDB file in object
     * storage needs none beyond the storage credentials).
     */
    Optional<String> warehouseCredentialsSecret();

    /** Attempts of a clone before DatabaseReady turns False for good (a new eider.dev/reset-database value tries again). */
    @WithDefault("3")
    int cloneAttempts();

    /** Wait before the second attempt of a clone or a drop; it doubles with each attempt, up to 5m. */
    @WithDefault("30s")
    Duration jobBackoff();

    /** Longest a clone or a drop may run (the Job's activeDeadlineSeconds). */
    @WithDefault("30m")
    Duration jobTimeout();

    /** Longest a BranchDeployment goes unreconciled while nothing happens, as a safety net for missed events. */
    @WithDefault("5m")
    Duration resyncInterval();

    /**
     * Pod Security Standard enforced (and warned and audited) in every branch namespace: privileged,
     * baseline or restricted. A branch runs unreviewed code; empty: no Pod Security labels.
     */
    @WithDefault("restricted")
    Optional<String> podSecurity();

    Quota quota();

    Limits limits();

    /** The ResourceQuota of every branch namespace ({@code spec.hard}). */
    interface Quota {
      @WithDefault("true")
      boolean enabled();

      @WithDefault("4")
      String requestsCpu();

      @WithDefault("8Gi")
      String requestsMemory();

      @WithDefault("8")
      String limitsCpu();

      @WithDefault("16Gi")
      String limitsMemory();

      @WithDefault("50")
      String pods();

      /** More of {@code spec.hard}, e.g. {@code eider.branch.quota.extra."count/jobs.batch"=200}. */
      Map<String, String> extra();
    }

    /** The LimitRange of every branch namespace: container defaults, so pods fit the quota without asking. */
    interface Limits {
      @WithDefault("true")
      boolean enabled();

      /** CPU request of a container that sets none. */
      @WithDefault("100m")
      String defaultRequestCpu();

      /** Memory request of a container that sets none. */
      @WithDefault("256Mi")
      String defaultRequestMemory();

      /** CPU limit of a container that sets none. */
      @WithDefault("1")
      String defaultLimitCpu();

      /** Memory limit of a container that sets none. */
      @WithDefault("1Gi")
      String defaultLimitMemory();
    }
  }
}
