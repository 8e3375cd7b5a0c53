package dev.eider.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eider.operator.workerjob.FailureReason;
import dev.eider.operator.api.asset.AssetConditions;
import dev.eider.operator.branch.database.StagingDatabase;
import dev.eider.operator.branch.status.BranchConditions;
import dev.eider.operator.platform.EventReason;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/operations.md tells operators what every condition and reason means and what to do: it
 * must name every one the operator can set, or a user alerting on a new reason finds nothing.
 */
class OperationsDocTest {

  /** A String constant whose javadoc calls it a reason, as StagingDatabase's "Condition reason: ..." ones. */
  private static final Pattern DOCUMENTED_REASON =
      Pattern.compile("/\\*\\*[^/]*[Rr]eason[^/]*\\*/\\s*public static final String [A-Z_]+ = \"([A-Z][A-Za-z]+)\";");

  @Test
  void everyConditionTypeAndReasonIsDocumented() throws IOException {
    String doc = Files.readString(docs().resolve("operations.md"));
    Set<String> missing = new TreeSet<>();
    for (String reason : reasons()) {
      if (!doc.contains("`" + reason + "`")) {
        missing.add(reason);
      }
    }
    assertThat(missing).as("reasons the operator sets that docs/operations.md does not name (as `Reason`)").isEmpty();
  }

  @Test
  void theReasonsComeFromEveryPlaceTheOperatorDefinesThem() throws IOException {
    // A reason defined anywhere else in the sources (a constant documented as a condition reason)
    // must be added to reasons() below, so that the first test checks it.
    Set<String> known = new TreeSet<>(reasons());
    List<String> elsewhere = new ArrayList<>();
    try (Stream<Path> files = Files.walk(sources())) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        Matcher constant = DOCUMENTED_REASON.matcher(Files.readString(file));
        while (constant.find()) {
          if (!known.contains(constant.group(1))) {
            elsewhere.add(file.getFileName() + ": " + constant.group(1));
          }
        }
      }
    }
    assertThat(elsewhere).as("reason constants outside the classes OperationsDocTest reads").isEmpty();
    assertThat(DOCUMENTED_REASON.matcher("/** Condition reason: x. */\n  public static final String X_Y = \"XY\";").find()).isTrue();
  }

  @Test
  void theEventTableListsExactlyTheReasonsTheOperatorEmits() throws IOException {
    String doc = Files.readString(docs().resolve("operations.md"));
    int start = doc.indexOf("| reason | type | on | meaning |");
    assertThat(start).as("the Event table of docs/operations.md").isPositive();
    Set<String> listed = new TreeSet<>();
    // A row's first cell names one reason or several alike: `A`, `B`.
    Matcher row = Pattern.compile("^\\| ((?:`[A-Za-z]+`(?:, )?)+) \\|", Pattern.MULTILINE).matcher(doc.substring(start, doc.indexOf("\n\n", start)));
    while (row.find()) {
      Matcher name = Pattern.compile("`([A-Za-z]+)`").matcher(row.group(1));
      while (name.find()) {
        listed.add(name.group(1));
      }
    }
    Set<String> declared = new TreeSet<>();
    for (EventReason reason : EventReason.values()) {
      declared.add(reason.name());
    }
    assertThat(listed).as("Event reasons in the table").isEqualTo(declared);
    // Declared is not enough: each reason is recorded somewhere (EventReason.X outside its enum).
    StringBuilder code = new StringBuilder();
    try (Stream<Path> files = Files.walk(sources())) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java") && !f.endsWith("EventReason.java")).toList()) {
        code.append(Files.readString(file));
      }
    }
    Set<String> neverEmitted = new TreeSet<>();
    for (EventReason reason : EventReason.values()) {
      if (!Pattern.compile("EventReason\\." + reason.name() + "\\b").matcher(code).find()) {
        neverEmitted.add(reason.name());
      }
    }
    assertThat(neverEmitted).as("Event reasons declared and never recorded").isEmpty();
  }

  /** Every condition type and reason, and every Event reason, the operator can set. */
  static Set<String> reasons() {
    Set<String> reasons = new TreeSet<>();
    for (EventReason reason : EventReason.values()) {
      reasons.add(reason.name());
    }
    for (FailureReason reason : FailureReason.values()) {
      reasons.add(reason.name());
    }
    reasons.addAll(stringConstants(AssetConditions.class));
    reasons.addAll(stringConstants(BranchConditions.class));
    reasons.addAll(stringConstants(StagingDatabase.class));
    return reasons;
  }

  private static Set<String> stringConstants(Class<?> type) {
    Set<String> values = new TreeSet<>();
    for (Field field : type.getDeclaredFields()) {
      int modifiers = field.getModifiers();
      if (Modifier.isPublic(modifiers) && Modifier.isStatic(modifiers) && Modifier.isFinal(modifiers) && field.getType() == String.class) {
        try {
          values.add((String) field.get(null));
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    assertThat(values).as("constants of %s", type.getSimpleName()).isNotEmpty();
    return values;
  }

  private static Path docs() {
    return Path.of(System.getProperty("eider.helm.dir", "../helm/eider")).resolve("../../docs").normalize();
  }

  private static Path sources() {
    return Path.of("src/main/java");
  }
}
