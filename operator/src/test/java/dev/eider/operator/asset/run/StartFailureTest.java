package dev.eider.operator.asset.run;

import dev.eider.operator.workerjob.FailureReason;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eider.operator.asset.run.StartFailure.Handling;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Why a pod cannot start, from the exact waiting reasons and messages a v1.20 kubelet writes. */
class StartFailureTest {

  static final Instant CREATED = Instant.parse("2025-03-10T12:00:00Z");

  @Test
  void invalidImageNameCannotBeFixedByWaiting() {
    Optional<StartFailure> failure = StartFailure.of(RunObserverTest.waiting(CREATED, "Ghcr.io/Eider/Worker:1", "InvalidImageName",
        "Failed to apply default image tag \"Ghcr.io/Eider/Worker:1\": couldn't parse image reference \"Ghcr.io/Eider/Worker:1\": "
            + "invalid reference format: repository name must be lowercase"));

    assertThat(failure).contains(new StartFailure(FailureReason.ImageUnavailable, Handling.FAIL_FOR_GOOD,
        "image Ghcr.io/Eider/Worker:1 is unavailable (InvalidImageName): Failed to apply default image tag \"Ghcr.io/Eider/Worker:1\": "
            + "couldn't parse image reference \"Ghcr.io/Eider/Worker:1\": invalid reference format: repository name must be lowercase"));
  }

  @Test
  void pullErrorsAndTheirBackOffGetAGrace() {
    assertThat(StartFailure.of(RunObserverTest.waiting(CREATED, "w:1", "ErrImagePull", "rpc error: code = Unknown desc = pull access denied")))
        .get().extracting(StartFailure::handling, StartFailure::message)
        .containsExactly(Handling.FAIL_AFTER_GRACE, "image w:1 cannot be pulled: rpc error: code = Unknown desc = pull access denied");
    assertThat(StartFailure.of(RunObserverTest.waiting(CREATED, "w:1", "ImagePullBackOff", "Back-off pulling image \"w:1\"")))
        .get().extracting(StartFailure::handling).isEqualTo(Handling.FAIL_AFTER_GRACE);
  }

  @Test
  void everyRefusalOfTheContainerFailsTheAttempt() {
    for (String reason : new String[] {"CreateContainerConfigError", "CreateContainerError", "RunContainerError"}) {
      assertThat(StartFailure.of(RunObserverTest.waiting(CREATED, "w:1", reason, "secret \"bluesky\" not found")))
          .as(reason).get().extracting(StartFailure::reason, StartFailure::handling, StartFailure::message)
          .containsExactly(FailureReason.ContainerConfigRefused, Handling.FAIL_ATTEMPT,
              "container worker refused by the kubelet (" + reason + "): secret \"bluesky\" not found");
    }
  }

  @Test
  void ordinaryWaitingIsNoFailure() {
    assertThat(StartFailure.of(RunObserverTest.waiting(CREATED, "w:1", "ContainerCreating", null))).isEmpty();
    assertThat(StartFailure.of(new PodBuilder().withNewStatus().withPhase("Pending").endStatus().build())).isEmpty();
    Pod running = new PodBuilder().withNewStatus().withPhase("Running").addNewContainerStatus().withName("worker")
        .withNewState().withNewRunning().endRunning().endState().endContainerStatus().endStatus().build();
    assertThat(StartFailure.of(running)).isEmpty();
  }
}
