package dev.eider.operator.workerjob;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Creates a worker Job that may already exist. Worker Jobs have deterministic names (the same run,
 * clone or drop is the same name), so an operator that restarts after creating one creates it again
 * and gets 409: that Job is the one wanted, never a second.
 */
public final class JobCreation {

  private static final Logger LOG = Logger.getLogger(JobCreation.class);

  /**
   * Creates in flight at once, across all reconciles: more than JOSDK's 50 reconcile threads, so
   * that an asset with many due partitions does not wait for its creates one after the other
   * (OperatorLaunchBenchmark), and few enough that a burst of due runs cannot flood the API server.
   */
  static final int CONCURRENT_CREATES = 64;

  private static final ExecutorService CREATES = creates();

  private JobCreation() {}

  /**
   * Creates all the Jobs at once (at most {@link #CONCURRENT_CREATES} in flight across the
   * operator), and hands each one created to {@code onCreated} on the caller's thread (a Job that
   * already existed is not handed over). Every create is attempted even when one fails; then the
   * first failure is thrown, the others suppressed in it, and the next reconcile creates what is
   * still missing.
   */
  public static void createAllIfAbsent(KubernetesClient client, List<Job> jobs, Consumer<Job> onCreated) {
    if (jobs.size() == 1) {
      createIfAbsent(client, jobs.get(0)).ifPresent(onCreated);
      return;
    }
    List<CompletableFuture<Optional<Job>>> creates = jobs.stream()
        .map(job -> CompletableFuture.supplyAsync(() -> createIfAbsent(client, job), CREATES)).toList();
    RuntimeException failure = null;
    for (CompletableFuture<Optional<Job>> create : creates) {
      try {
        create.join().ifPresent(onCreated);
      } catch (CompletionException e) {
        RuntimeException cause = e.getCause() instanceof RuntimeException runtime ? runtime : e;
        if (failure == null) {
          failure = cause;
        } else {
          failure.addSuppressed(cause);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  private static ExecutorService creates() {
    AtomicInteger threads = new AtomicInteger();
    ThreadPoolExecutor pool = new ThreadPoolExecutor(CONCURRENT_CREATES, CONCURRENT_CREATES, 30, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), runnable -> {
          Thread thread = new Thread(runnable, "job-create-" + threads.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        });
    // No thread is kept while nothing is launched: the operator's memory at rest stays as measured.
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  /** The Job as created, or empty when one of its name already existed. */
  public static Optional<Job> createIfAbsent(KubernetesClient client, Job job) {
    try {
      Job created = client.resource(job).create();
      LOG.debugf("created Job %s/%s", job.getMetadata().getNamespace(), job.getMetadata().getName());
      return Optional.of(created);
    } catch (KubernetesClientException e) {
      if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
        throw e;
      }
      LOG.debugf("Job %s already exists", job.getMetadata().getName());
      return Optional.empty();
    }
  }
}
