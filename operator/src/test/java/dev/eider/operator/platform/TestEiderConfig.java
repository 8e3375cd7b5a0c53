package dev.eider.operator.platform;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The operator's configuration for plain unit tests, without Quarkus. {@link #with} reads it as the
 * operator does (SmallRye); an instance is the same defaults, each changeable through a public
 * field before the config is used. The defaults are never typed here: they are read from
 * {@link EiderConfig}'s {@code @WithDefault}s and the {@code eider.*} settings of the shipped
 * application.properties.
 */
public final class TestEiderConfig implements EiderConfig {

  /** The operator's defaults, plus {@code properties}; durations read as Quarkus reads them. */
  public static EiderConfig with(Map<String, String> properties) {
    Map<String, String> values = new LinkedHashMap<>(shippedSettings());
    values.putAll(properties);
    return new SmallRyeConfigBuilder()
        .withMapping(EiderConfig.class)
        .withConverter(Duration.class, 200, new DurationConverter())
        .withDefaultValues(values)
        .build().unwrap(SmallRyeConfig.class).getConfigMapping(EiderConfig.class);
  }

  private static Map<String, String> shippedSettings() {
    Properties shipped = new Properties();
    try (InputStream in = TestEiderConfig.class.getResourceAsStream("/application.properties")) {
      shipped.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> eider = new LinkedHashMap<>();
    shipped.stringPropertyNames().stream().filter(name -> name.startsWith("eider.")).forEach(name -> eider.put(name, shipped.getProperty(name)));
    return eider;
  }

  private static final EiderConfig DEFAULTS = with(Map.of());

  public final TestWorker worker = new TestWorker();
  public final TestStorage storage = new TestStorage();
  public final TestWarehouse warehouse = new TestWarehouse();
  public final TestRuns runs = new TestRuns();
  public final TestProduction production = new TestProduction();
  public final TestBranch branch = new TestBranch();
  public final Map<String, Integer> pools = new LinkedHashMap<>(DEFAULTS.pools());

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
    return DEFAULTS.leaderElection();
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
    public String image = DEFAULTS.worker().image();
    public Optional<String> serviceAccount = DEFAULTS.worker().serviceAccount();
    public Duration timeout = DEFAULTS.worker().timeout();
    public final Map<String, String> env = new LinkedHashMap<>(DEFAULTS.worker().env());
    public Optional<String> envSecret = DEFAULTS.worker().envSecret();
    public String imagePullPolicy = DEFAULTS.worker().imagePullPolicy();
    public String tmpSizeLimit = DEFAULTS.worker().tmpSizeLimit();
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
    public String requestsCpu = DEFAULTS.worker().resources().requests().cpu();
    public String requestsMemory = DEFAULTS.worker().resources().requests().memory();
    public String limitsCpu = DEFAULTS.worker().resources().limits().cpu();
    public String limitsMemory = DEFAULTS.worker().resources().limits().memory();

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
    public long runAsUser = DEFAULTS.worker().security().runAsUser();
    public long runAsGroup = DEFAULTS.worker().security().runAsGroup();
    public long fsGroup = DEFAULTS.worker().security().fsGroup();

    @Override public long runAsUser() { return runAsUser; }
    @Override public long runAsGroup() { return runAsGroup; }
    @Override public long fsGroup() { return fsGroup; }
  }

  /** {@link EiderConfig.Branch}: the credential Secrets runs use changeable, the rest the defaults. */
  public static final class TestBranch implements Branch {
    public String storageCredentialsSecret = DEFAULTS.branch().storageCredentialsSecret();
    public Optional<String> warehouseCredentialsSecret = DEFAULTS.branch().warehouseCredentialsSecret();

    @Override public String storageCredentialsSecret() { return storageCredentialsSecret; }
    @Override public Optional<String> warehouseCredentialsSecret() { return warehouseCredentialsSecret; }
    @Override public boolean enabled() { return DEFAULTS.branch().enabled(); }
    @Override public Optional<String> jobNamespace() { return DEFAULTS.branch().jobNamespace(); }
    @Override public Optional<java.util.List<String>> protectedDatabases() { return DEFAULTS.branch().protectedDatabases(); }
    @Override public Optional<java.util.List<String>> baseNamespaces() { return DEFAULTS.branch().baseNamespaces(); }
    @Override public java.util.List<String> accessRoles() { return DEFAULTS.branch().accessRoles(); }
    @Override public int cloneAttempts() { return DEFAULTS.branch().cloneAttempts(); }
    @Override public Duration jobBackoff() { return DEFAULTS.branch().jobBackoff(); }
    @Override public Duration jobTimeout() { return DEFAULTS.branch().jobTimeout(); }
    @Override public Duration resyncInterval() { return DEFAULTS.branch().resyncInterval(); }
    @Override public Optional<String> podSecurity() { return DEFAULTS.branch().podSecurity(); }
    @Override public Quota quota() { return DEFAULTS.branch().quota(); }
    @Override public Limits limits() { return DEFAULTS.branch().limits(); }
  }

  /** {@link EiderConfig.Production}: no namespace listed. */
  public static final class TestProduction implements Production {
    public Optional<java.util.List<String>> namespaces = DEFAULTS.production().namespaces();

    @Override public Optional<java.util.List<String>> namespaces() { return namespaces; }
  }

  /** {@link EiderConfig.Storage} with its defaults. */
  public static final class TestStorage implements Storage {
    public Optional<String> endpoint = DEFAULTS.storage().endpoint();
    public String bucket = DEFAULTS.storage().bucket();
    public String prefix = DEFAULTS.storage().prefix();
    public String credentialsSecret = DEFAULTS.storage().credentialsSecret();

    @Override public Optional<String> endpoint() { return endpoint; }
    @Override public String bucket() { return bucket; }
    @Override public String prefix() { return prefix; }
    @Override public String credentialsSecret() { return credentialsSecret; }
  }

  /** {@link EiderConfig.Warehouse} with its defaults. */
  public static final class TestWarehouse implements Warehouse {
    public Optional<String> connection = DEFAULTS.warehouse().connection();
    public Optional<String> volumeClaim = DEFAULTS.warehouse().volumeClaim();
    public Optional<String> credentialsSecret = DEFAULTS.warehouse().credentialsSecret();

    @Override public Optional<String> connection() { return connection; }
    @Override public Optional<String> volumeClaim() { return volumeClaim; }
    @Override public Optional<String> credentialsSecret() { return credentialsSecret; }
  }

  /** {@link EiderConfig.Runs} with its defaults. */
  public static final class TestRuns implements Runs {
    public int jobTtlSeconds = DEFAULTS.runs().jobTtlSeconds();
    public Duration pendingTimeout = DEFAULTS.runs().pendingTimeout();
    public Duration imagePullGrace = DEFAULTS.runs().imagePullGrace();
    public int maxAttempts = DEFAULTS.runs().maxAttempts();
    public Duration backoffInitial = DEFAULTS.runs().backoffInitial();
    public Duration backoffMax = DEFAULTS.runs().backoffMax();
    public Duration resyncInterval = DEFAULTS.runs().resyncInterval();
    public int maxConcurrentPerAsset = DEFAULTS.runs().maxConcurrentPerAsset();

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
