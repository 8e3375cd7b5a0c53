package dev.eider.worker.checks;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eider.worker.run.TerminationMessage;
import java.util.List;

/**
 * The {@code check} command's result for the termination message, also the checks part of
 * {@code transform --check-asset}'s (after the transform's own fields). It must fit Kubernetes'
 * 4096 bytes whatever the checks found, so it is built at decreasing levels of detail (shorter
 * samples and messages, then none, then only the failed checks) until it fits.
 */
public final class CheckReport {

  /** Detail levels: samples kept, characters per sample and per message; passing checks listed. */
  private record Detail(int samples, int sampleChars, int messageChars, boolean passingMessages, boolean passingChecks) {}

  private static final List<Detail> DETAILS = List.of(
      new Detail(3, 80, 300, true, true),
      new Detail(2, 40, 120, true, true),
      new Detail(1, 30, 80, false, true),
      new Detail(0, 0, 60, false, true),
      new Detail(0, 0, 40, false, false),
      new Detail(0, 0, 0, false, false));

  private CheckReport() {}

  public static ObjectNode build(String asset, List<CheckResult> results) {
    return build(TerminationMessage.newResult("check"), asset, results);
  }

  /**
   * {@code head}'s fields (a copy; {@code head} is not changed) followed by the report's, at the
   * most detail with which the whole fits the termination message.
   */
  public static ObjectNode build(ObjectNode head, String asset, List<CheckResult> results) {
    ObjectNode report = null;
    for (Detail detail : DETAILS) {
      report = build(head, asset, results, detail);
      if (TerminationMessage.fits(report)) {
        return report;
      }
    }
    // Still too big (dozens of failed checks): drop entries from the end, warnings before errors.
    ArrayNode checks = (ArrayNode) report.get("checks");
    int omitted = 0;
    while (!TerminationMessage.fits(report) && !checks.isEmpty()) {
      int drop = checks.size() - 1;
      for (int i = checks.size() - 1; i >= 0; i--) {
        if ("warn".equals(checks.get(i).path("severity").asText()) && !checks.get(i).path("error").asBoolean()) {
          drop = i;
          break;
        }
      }
      checks.remove(drop);
      report.put("failedChecksOmitted", ++omitted);
    }
    return report;
  }

  /** One line: which checks fail the run, or null when none does. */
  public static String failure(List<CheckResult> results) {
    List<String> failing = results.stream().filter(CheckResult::failsRun).map(result -> result.check().name()).toList();
    if (failing.isEmpty()) {
      return null;
    }
    String names = String.join(", ", failing);
    return failing.size() + (failing.size() == 1 ? " check fails" : " checks fail") + " the run: "
        + (names.length() > 300 ? names.substring(0, 297) + "..." : names);
  }

  /** {@code head}'s fields followed by the report's with every detail, whether or not that fits. */
  public static ObjectNode detailed(ObjectNode head, String asset, List<CheckResult> results) {
    return build(head, asset, results, DETAILS.get(0));
  }

  private static ObjectNode build(ObjectNode head, String asset, List<CheckResult> results, Detail detail) {
    ObjectNode report = head.deepCopy();
    if (asset != null) {
      report.put("asset", asset);
    }
    String failure = failure(results);
    report.put("passed", failure == null);
    if (failure != null) {
      report.put("error", failure);
    }
    report.put("warnings", results.stream().filter(r -> !r.passed() && !r.failsRun()).count());
    ArrayNode checks = report.putArray("checks");
    int omitted = 0;
    for (CheckResult result : results) {
      if (result.passed() && !detail.passingChecks()) {
        omitted++;
        continue;
      }
      ObjectNode check = checks.addObject().put("name", result.check().name()).put("passed", result.passed())
          .put("severity", result.check().effectiveSeverity());
      if (result.check().isBlocking()) {
        check.put("blocking", true);
      }
      if (result.error()) {
        check.put("error", true);
      }
      if (result.failingRows() != null) {
        check.put("failingRows", result.failingRows());
      }
      if (!result.sample().isEmpty() && detail.samples() > 0) {
        ArrayNode sample = check.putArray("sample");
        result.sample().stream().limit(detail.samples()).forEach(value -> sample.add(cut(value, detail.sampleChars())));
      }
      if (detail.messageChars() > 0 && (!result.passed() || detail.passingMessages())) {
        check.put("message", cut(result.message(), detail.messageChars()));
      }
    }
    if (omitted > 0) {
      report.put("passedChecksOmitted", omitted);
    }
    return report;
  }

  private static String cut(String text, int chars) {
    return text.length() <= chars ? text : text.substring(0, Math.max(0, chars - 3)) + "...";
  }
}
