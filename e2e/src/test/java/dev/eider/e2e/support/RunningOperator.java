package dev.eider.e2e.support;

import dev.eider.e2e.local.OperatorProcess;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The operator process of an end-to-end test, stopped after each test whatever happened. Register it
 * as a field with {@code @RegisterExtension}:
 * <ul>
 *   <li>{@link #perTest(String)}: before each test, a new namespace and an operator for it, started
 *       (configured by {@link #configured}), with {@link #assets()} for that namespace;</li>
 *   <li>{@link #startedByTest()}: the test prepares what it needs and calls {@link #start(EiderOperator)}
 *       (as often as it restarts the operator); every process started so is stopped after the test.</li>
 * </ul>
 */
public final class RunningOperator implements BeforeEachCallback, AfterEachCallback {

  private final String namespacePrefix;
  private UnaryOperator<EiderOperator> configuration = UnaryOperator.identity();
  private final Deque<OperatorProcess> started = new ArrayDeque<>();
  private String namespace;
  private EiderOperator operator;
  private AssetFixtures assets;

  private RunningOperator(String namespacePrefix) {
    this.namespacePrefix = namespacePrefix;
  }

  /** An operator for a new namespace named after {@code namespacePrefix}, started before each test. */
  public static RunningOperator perTest(String namespacePrefix) {
    return new RunningOperator(namespacePrefix);
  }

  /** Operators the test starts itself with {@link #start(EiderOperator)}. */
  public static RunningOperator startedByTest() {
    return new RunningOperator(null);
  }

  /** How the operator is configured before it starts ({@link #perTest} only). */
  public RunningOperator configured(UnaryOperator<EiderOperator> configuration) {
    this.configuration = configuration;
    return this;
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (namespacePrefix == null) {
      return;
    }
    TestCluster cluster = TestCluster.get();
    namespace = cluster.newNamespace(namespacePrefix);
    operator = configuration.apply(EiderOperator.forNamespace(cluster, namespace));
    start(operator);
    assets = new AssetFixtures(cluster.client(), namespace);
  }

  /** Starts a replica of {@code eider} and waits until it is ready; it is stopped after the test. */
  public OperatorProcess start(EiderOperator eider) {
    OperatorProcess process = eider.start();
    started.push(process);
    return process;
  }

  @Override
  public void afterEach(ExtensionContext context) {
    // The latest first: a replica started to take over stops before the one it replaced.
    while (!started.isEmpty()) {
      started.pop().close();
    }
  }

  public String namespace() {
    return namespace;
  }

  public EiderOperator operator() {
    return operator;
  }

  /** The replica started before the test ({@link #perTest}), or the latest one the test started. */
  public OperatorProcess process() {
    return started.peek();
  }

  public AssetFixtures assets() {
    return assets;
  }

  /** The operator's directory (its logs, and files the fake worker writes such as a ledger). */
  public Path dir() {
    return operator.dir();
  }
}
