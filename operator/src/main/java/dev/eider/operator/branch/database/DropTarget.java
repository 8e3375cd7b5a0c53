package dev.eider.operator.branch.database;

import dev.eider.operator.branch.BranchEvent;
import dev.eider.operator.branch.BranchNames;
import dev.eider.operator.platform.EventReason;
import java.util.List;
import java.util.Optional;

/**
 * Which staging database a teardown drops: the one the reconcile derives from the spec's branch and
 * the operator's configuration, never one read from the status. Whoever may write the status
 * subresource could otherwise name any database (production under another spelling, another
 * branch's) and have the operator's drop Job, which holds the warehouse credentials, delete it.
 * A status that names another database is only reported, so someone can look for a leftover.
 */
public final class DropTarget {

  /**
   * @param database the staging database to drop, if any
   * @param refused why nothing is dropped although a database was derived (a Warning), if so
   * @param ignoredStatus what the status recorded when it disagrees with {@code database}, if it does
   */
  public record Decision(Optional<String> database, Optional<BranchEvent> refused, Optional<String> ignoredStatus) {}

  private DropTarget() {}

  /**
   * @param recorded {@code status.database.name}, as written by anyone allowed to write the status
   * @param sharedWith other live BranchDeployments of the same branch: the database is theirs too
   */
  public static Decision decide(BranchNames names, String production, List<String> protectedDatabases,
                                Optional<String> recorded, List<String> sharedWith) {
    StagingDatabase.Decision derived = StagingDatabase.decide(production, protectedDatabases, names);
    Optional<String> database = derived instanceof StagingDatabase.Target target ? Optional.of(target.staging().display()) : Optional.empty();
    Optional<String> ignored = recorded.filter(name -> !name.isBlank() && !database.equals(Optional.of(name)));
    if (derived instanceof StagingDatabase.Refused refused) {
      return new Decision(Optional.empty(), Optional.of(new BranchEvent(EventReason.ProductionTarget, refused.message())), ignored);
    }
    Optional<StagingDatabase.Refused> unsafe = StagingDatabase.refuseDrop(database.orElseThrow(), production, protectedDatabases);
    if (unsafe.isPresent()) {
      return new Decision(Optional.empty(), Optional.of(new BranchEvent(EventReason.ProductionTarget, unsafe.get().message())), ignored);
    }
    if (!sharedWith.isEmpty()) {
      return new Decision(Optional.empty(), Optional.of(new BranchEvent(EventReason.DatabaseKept, database.get()
          + " is also the staging database of BranchDeployment " + String.join(", ", sharedWith) + " (same branch); not dropped")), ignored);
    }
    return new Decision(database, Optional.empty(), ignored);
  }
}
