package dev.eider.operator.platform;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.jboss.logging.Logger;

/**
 * Stops a replica that may no longer hold the Lease before it acts again. Two ways to lose it:
 * <ul>
 *   <li>the Lease is renewed by someone else (the leader elector says so: {@link #leadershipLost});</li>
 *   <li>this process was not running for longer than the renew deadline (SIGSTOP, a frozen VM, a
 *       long GC pause): another replica may have taken the Lease meanwhile, and on resuming, the
 *       reconcile threads can run before the leader elector notices. A ticker records when the
 *       process last ran; a reconcile that finds the last tick older than the deadline exits first.</li>
 * </ul>
 * Exiting (and letting Kubernetes restart the pod as a standby) is the only safe answer: JOSDK
 * keeps reconciling after a lost Lease unless told to exit, and its own exit hangs when it runs
 * during shutdown. The process halts without running shutdown hooks, which would reconcile or
 * write on the way out. A Lease lost during a normal shutdown is not a reason to halt.
 */
public final class LeadershipFence {

  private static final Logger LOG = Logger.getLogger(LeadershipFence.class);
  /** Exit code of a replica that stopped because it lost (or may have lost) the Lease. */
  public static final int EXIT_CODE = 75;

  private final long deadlineNanos;
  private final LongSupplier nanoTime;
  private final Halt halt;
  private final AtomicLong lastTick;

  /** What ends the process; {@link Runtime#halt} in production. */
  @FunctionalInterface
  public interface Halt {
    void halt(int code, String reason);
  }

  public LeadershipFence(Duration renewDeadline, LongSupplier nanoTime, Halt halt) {
    this.deadlineNanos = renewDeadline.toNanos();
    this.nanoTime = nanoTime;
    this.halt = halt;
    this.lastTick = new AtomicLong(nanoTime.getAsLong());
  }

  /** A fence with the real clock, ticking on a daemon thread a few times per renew deadline. */
  public static LeadershipFence start(Duration renewDeadline) {
    LeadershipFence fence = new LeadershipFence(renewDeadline, System::nanoTime, LeadershipFence::haltProcess);
    long period = Math.max(100, renewDeadline.toMillis() / 10);
    Thread ticker = new Thread(() -> {
      while (true) {
        fence.tick();
        try {
          Thread.sleep(period);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "eider-leadership-fence");
    ticker.setDaemon(true);
    ticker.start();
    return fence;
  }

  /** Records that the process runs; halts if it had not run for longer than the deadline. */
  void tick() {
    check("the process");
    lastTick.set(nanoTime.getAsLong());
  }

  /** Called before a reconciler acts: halts when the process stalled past the renew deadline. */
  public void check(String who) {
    long stalled = nanoTime.getAsLong() - lastTick.get();
    if (stalled > deadlineNanos) {
      halt.halt(EXIT_CODE, who + " found this replica stalled for " + Duration.ofNanos(stalled).toMillis()
          + " ms, longer than the Lease's renew deadline: another replica may lead now");
    }
  }

  /** The leader elector's stop-leading callback. */
  public void leadershipLost() {
    if (shuttingDown()) {
      LOG.info("stopped leading while shutting down");
      return;
    }
    halt.halt(EXIT_CODE, "lost the Lease to another replica");
  }

  private static boolean shuttingDown() {
    try {
      Thread probe = new Thread(() -> { });
      Runtime.getRuntime().addShutdownHook(probe);
      Runtime.getRuntime().removeShutdownHook(probe);
      return false;
    } catch (IllegalStateException e) {
      return true; // hooks cannot be added once shutdown has begun
    }
  }

  private static void haltProcess(int code, String reason) {
    LOG.errorf("%s; exiting so that only the leader acts", reason);
    System.err.flush();
    System.out.flush();
    Runtime.getRuntime().halt(code);
  }
}
