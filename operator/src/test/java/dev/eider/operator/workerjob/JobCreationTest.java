package dev.eider.operator.workerjob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An asset's due runs are created at once, not one after the other, over the real fabric8 client
 * against a stand-in for the API server's Job create: a 409 is a Job already there, a refusal is
 * thrown after every other create was tried.
 */
class JobCreationTest {

  private static final Pattern NAME = Pattern.compile("\"name\"\\s*:\\s*\"([^\"]+)\"");

  private final List<String> requested = new CopyOnWriteArrayList<>();
  private final Set<String> existing = ConcurrentHashMap.newKeySet();
  private final Set<String> refused = ConcurrentHashMap.newKeySet();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger mostInFlight = new AtomicInteger();
  /** Each create is held until this many arrived (or a second passed): only parallel creates all pass quickly. */
  private volatile CountDownLatch together = new CountDownLatch(0);
  private ExecutorService handlers;
  private HttpServer server;
  private KubernetesClient client;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    handlers = Executors.newCachedThreadPool();
    server.setExecutor(handlers);
    server.createContext("/apis/batch/v1/namespaces/runs/jobs", this::create);
    server.start();
    client = new KubernetesClientBuilder().withConfig(new ConfigBuilder()
        .withMasterUrl("http://127.0.0.1:" + server.getAddress().getPort()).withRequestRetryBackoffLimit(0).build()).build();
  }

  @AfterEach
  void stop() {
    client.close();
    server.stop(0);
    handlers.shutdownNow();
  }

  @Test
  void theJobsOfOneLaunchAreInFlightTogether() {
    together = new CountDownLatch(6);
    List<String> created = new CopyOnWriteArrayList<>();

    JobCreation.createAllIfAbsent(client, jobs(6), job -> created.add(job.getMetadata().getName()));

    assertThat(created).containsExactlyInAnyOrder("run-0", "run-1", "run-2", "run-3", "run-4", "run-5");
    assertThat(requested).hasSize(6);
    // One at a time would have had one in flight; all six waited for each other at the server.
    assertThat(mostInFlight.get()).isEqualTo(6);
  }

  @Test
  void aJobAlreadyThereIsNotHandedOverAndARefusalIsThrownAfterTheOthersWereCreated() {
    existing.add("run-1");
    refused.add("run-3");
    List<String> created = new CopyOnWriteArrayList<>();

    assertThatThrownBy(() -> JobCreation.createAllIfAbsent(client, jobs(5), job -> created.add(job.getMetadata().getName())))
        .isInstanceOf(KubernetesClientException.class)
        .satisfies(e -> assertThat(((KubernetesClientException) e).getCode()).isEqualTo(422))
        .hasMessageContaining("run-3");

    assertThat(requested).containsExactlyInAnyOrder("run-0", "run-1", "run-2", "run-3", "run-4");
    assertThat(created).containsExactlyInAnyOrder("run-0", "run-2", "run-4");
  }

  @Test
  void oneJobIsCreatedOnTheCallersThread() {
    List<String> created = new CopyOnWriteArrayList<>();
    List<String> threads = new CopyOnWriteArrayList<>();

    JobCreation.createAllIfAbsent(client, jobs(1), job -> {
      created.add(job.getMetadata().getName());
      threads.add(Thread.currentThread().getName());
    });

    assertThat(created).containsExactly("run-0");
    assertThat(threads).containsExactly(Thread.currentThread().getName());
  }

  private static List<Job> jobs(int count) {
    return IntStream.range(0, count).mapToObj(i -> new JobBuilder().withNewMetadata().withName("run-" + i).withNamespace("runs")
        .endMetadata().withNewSpec().withNewTemplate().withNewSpec().addNewContainer().withName("worker").withImage("worker:1")
        .endContainer().endSpec().endTemplate().endSpec().build()).toList();
  }

  private void create(HttpExchange exchange) throws IOException {
    try (exchange) {
      int now = inFlight.incrementAndGet();
      mostInFlight.accumulateAndGet(now, Math::max);
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      Matcher name = NAME.matcher(body);
      String job = name.find() ? name.group(1) : "?";
      requested.add(job);
      CountDownLatch latch = together;
      latch.countDown();
      latch.await(1, TimeUnit.SECONDS);
      if (existing.contains(job)) {
        answer(exchange, 409, status(409, "AlreadyExists", "jobs.batch \"" + job + "\" already exists"));
      } else if (refused.contains(job)) {
        answer(exchange, 422, status(422, "Invalid", "Job.batch \"" + job + "\" is invalid: spec.template: Required value"));
      } else {
        answer(exchange, 201, body);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      inFlight.decrementAndGet();
    }
  }

  private static String status(int code, String reason, String message) {
    return "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"message\":\"" + message.replace("\"", "\\\"")
        + "\",\"reason\":\"" + reason + "\",\"code\":" + code + "}";
  }

  private static void answer(HttpExchange exchange, int code, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(code, bytes.length);
    exchange.getResponseBody().write(bytes);
  }
}
