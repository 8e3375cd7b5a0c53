package dev.eider.operator.platform;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An {@link EiderConfig} for plain unit tests: the documented defaults of the {@code @WithDefault}s,
 * each changeable through a public field before the config is used.
 */
public final class TestEiderConfig implements EiderConfig {

  public final TestWorker worker = new TestWorker();
  public final TestStorage storage = new TestStorage();
  public final TestWarehouse warehouse = new TestWarehouse();
  public final TestRuns runs = new TestRuns();
  public final TestProduction production = new TestProduction();
  public final TestBranch branch = new TestBranch();
  public final Map<String, Integer> pools = new LinkedHashMap<>(Map.of("ingestion", 1));

  @Override
  public Worker worker() {
    return worker;
  }

  @Override
  public Storage storage() {
    return storage;
  }

  @Override
  public Warehouse warehouse() {
    return warehouse;
  }

  @Override
  public Runs runs() {
    return runs;
  }

  @Override
  public LeaderElection leaderElection() {
    throw new UnsupportedOperationException("not used by unit tests");
  }

  @Override
  public Branch branch() {
    return branch;
  }

  @Override
  public Production production() {
    return production;
  }

  @Override
  public Map<String, Integer> pools() {
    return pools;
  }

  /** {@link EiderConfig.Worker} with its defaults. */
  public static final class TestWorker implements Worker {
    public String image = "ghcr.io/eider/worker:0.1.0";
    public Optional<String> serviceAccount = Optional.empty();
    public Duration timeout = Duration.ofHours(1);
    public final Map<String, String> env = new LinkedHashMap<>();
    public Optional<String> envSecret = Optional.empty();
    public String imagePullPolicy = "IfNotPresent";
    public String tmpSizeLimit = "2Gi";
    public final TestResources resources = new TestResources();
    public final TestSecurity security = new TestSecurity();

    @Override public String image() { return image; }
    @Override public Optional<String> serviceAccount() { return serviceAccount; }
    @Override public Duration timeout() { return timeout; }
    @Override public Map<String, String> env() { return env; }
    @Override public Optional<String> envSecret() { return envSecret; }
    @Override public String imagePullPolicy() { return imagePullPolicy; }
    @Override public String tmpSizeLimit() { return tmpSizeLimit; }
    @Override public Resources resources() { return resources; }
    @Override public Security security() { return security; }
  }

  /** {@link EiderConfig.Worker.Resources} with its defaults. */
  public static final class TestResources implements Worker.Resources {
    public String requestsCpu = "250m";
    public String requestsMemory = "512Mi";
    public String limitsCpu = "1";
    public String limitsMemory = "2Gi";

    @Override
    public Requests requests() {
      return new Requests() {
        @Override public String cpu() { return requestsCpu; }
        @Override public String memory() { return requestsMemory; }
      };
    }

    @Override
    public Limits limits() {
      return new Limits() {
        @Override public String cpu() { return limitsCpu; }
        @Override public String memory() { return limitsMemory; }
      };
    }
  }

  /** {@link EiderConfig.Worker.Security} with its defaults. */
  public static final class TestSecurity implements Worker.Security {
    public long runAsUser = 10001;
    public long runAsGroup = 10001;
    public long fsGroup = 10001;

    @Override public long runAsUser() { return runAsUser; }
    @Override public long runAsGroup() { return runAsGroup; }
    @Override public long fsGroup() { return fsGroup; }
  }

  /**
   * {@link EiderConfig.Branch}: the credential Secrets runs use; the rest is for branch tests, which
   * build EiderConfig with SmallRye (TestConfigs).
   */
  public static final class TestBranch implements Branch {
    public String storageCredentialsSecret = "eider-branch-storage";
    public Optional<String> warehouseCredentialsSecret = Optional.empty();

    @Override public String storageCredentialsSecret() { return storageCredentialsSecret; }
    @Override public Optional<String> warehouseCredentialsSecret() { return warehouseCredentialsSecret; }
    @Override public boolean enabled() { return true; }
    @Override public Optional<String> jobNamespace() { return unused(); }
    @Override public Optional<java.util.List<String>> protectedDatabases() { return unused(); }
    @Override public Optional<java.util.List<String>> baseNamespaces() { return unused(); }
    @Override public java.util.List<String> accessRoles() { return unused(); }
    @Override public int cloneAttempts() { return unused(); }
    @Override public Duration jobBackoff() { return unused(); }
    @Override public Duration jobTimeout() { return unused(); }
    @Override public Duration resyncInterval() { return unused(); }
    @Override public Optional<String> podSecurity() { return unused(); }
    @Override public Quota quota() { return unused(); }
    @Override public Limits limits() { return unused(); }

    private static <T> T unused() {
      throw new UnsupportedOperationException("not used by these unit tests; branch tests build EiderConfig with SmallRye (TestConfigs)");
    }
  }

  /** {@link EiderConfig.Production}: no namespace listed. */
  public static final class TestProduction implements Production {
    public Optional<java.util.List<String>> namespaces = Optional.empty();

    @Override public Optional<java.util.List<String>> namespaces() { return namespaces; }
  }

  /** {@link EiderConfig.Storage} with its defaults. */
  public static final class TestStorage implements Storage {
    public Optional<String> endpoint = Optional.empty();
    public String bucket = "eider";
    public String prefix = "raw";
    public String credentialsSecret = "eider-storage";

    @Override public Optional<String> endpoint() { return endpoint; }
    @Override public String bucket() { return bucket; }
    @Override public String prefix() { return prefix; }
    @Override public String credentialsSecret() { return credentialsSecret; }
  }

  /** {@link EiderConfig.Warehouse} with its defaults. */
  public static final class TestWarehouse implements Warehouse {
    public Optional<String> connection = Optional.empty();
    public Optional<String> volumeClaim = Optional.empty();
    public Optional<String> credentialsSecret = Optional.empty();

    @Override public Optional<String> connection() { return connection; }
    @Override public Optional<String> volumeClaim() { return volumeClaim; }
    @Override public Optional<String> credentialsSecret() { return credentialsSecret; }
  }

  /** {@link EiderConfig.Runs} with its defaults. */
  public static final class TestRuns implements Runs {
    public int jobTtlSeconds = 600;
    public Duration pendingTimeout = Duration.ofMinutes(10);
    public Duration imagePullGrace = Duration.ofMinutes(2);
    public int maxAttempts = 3;
    public Duration backoffInitial = Duration.ofSeconds(10);
    public Duration backoffMax = Duration.ofMinutes(5);
    public Duration resyncInterval = Duration.ofMinutes(5);
    public int maxConcurrentPerAsset = 10;

    @Override public int jobTtlSeconds() { return jobTtlSeconds; }
    @Override public Duration pendingTimeout() { return pendingTimeout; }
    @Override public Duration imagePullGrace() { return imagePullGrace; }
    @Override public int maxAttempts() { return maxAttempts; }
    @Override public Duration backoffInitial() { return backoffInitial; }
    @Override public Duration backoffMax() { return backoffMax; }
    @Override public Duration resyncInterval() { return resyncInterval; }
    @Override public int maxConcurrentPerAsset() { return maxConcurrentPerAsset; }
  }
}
