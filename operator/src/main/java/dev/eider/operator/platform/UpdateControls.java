package dev.eider.operator.platform;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.stream.Stream;

/** How both reconcilers end a reconcile: the status written once (if it changed), and when to look again. */
public final class UpdateControls {

  /** Past the moment itself, so that what was due at it is due when the reconcile runs. */
  private static final Duration MARGIN = Duration.ofMillis(500);

  private UpdateControls() {}

  /**
   * Patches {@code status} when it differs from {@code previous}, else no update. Only the status,
   * on a fresh object ({@code empty}): applied server-side, the whole resource would make the
   * operator's field manager co-own the spec, and a user's next {@code kubectl apply --server-side}
   * (or a GitOps tool's) of a changed spec would fail with a conflict.
   */
  public static <S, R extends CustomResource<?, S>> UpdateControl<R> statusUpdate(R resource, S previous, S status, Supplier<R> empty) {
    if (Objects.equals(Serialization.asJson(previous), Serialization.asJson(status))) {
      return UpdateControl.noUpdate();
    }
    R statusOnly = empty.get();
    statusOnly.setMetadata(new ObjectMetaBuilder().withName(resource.getMetadata().getName())
        .withNamespace(resource.getMetadata().getNamespace()).build());
    statusOnly.setStatus(status);
    return UpdateControl.patchStatus(statusOnly);
  }

  /** How long until just after the earliest of {@code times}, at most {@code max} ({@code max} when there is none). */
  public static Duration wakeAfter(Instant now, Stream<Instant> times, Duration max) {
    return times.map(at -> untilJustAfter(now, at)).filter(wake -> wake.compareTo(max) < 0).min(Duration::compareTo).orElse(max);
  }

  /** From {@code now} until just after {@code at}; negative when {@code at} has passed by more than the margin. */
  public static Duration untilJustAfter(Instant now, Instant at) {
    return Duration.between(now, at).plus(MARGIN);
  }

  /** Whether waking just after {@code at} is still ahead of {@code now}. */
  public static boolean ahead(Instant now, Instant at) {
    return !untilJustAfter(now, at).isNegative();
  }
}
