package dev.eider.worker.report;

import static dev.eider.worker.report.Html.escape;

import dev.eider.worker.report.DashboardData.DayActivity;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/**
 * Inline SVG charts, drawn here so the page needs no script, font or image from anywhere: column
 * charts (a value per day), horizontal bar charts (a value per name) and a calendar heat map. Each
 * mark carries its key and value as data attributes and a {@code <title>} (the tooltip), so the
 * page can be read and tested without measuring pixels.
 */
final class SvgCharts {

  static final int WIDTH = 720;
  static final int PLOT_HEIGHT = 160;
  private static final int TOP = 12;
  private static final int LEFT = 40;
  private static final int BOTTOM = 24;
  private static final int MAX_X_LABELS = 12;
  private static final int BAR_HEIGHT = 18;
  private static final int BAR_GAP = 6;
  private static final int LABEL_WIDTH = 220;
  private static final int CELL = 12;
  private static final int CELL_GAP = 3;

  private SvgCharts() {}

  /** One column of a column chart: {@code key} identifies it (a day), {@code label} is shown under it. */
  record Column(String key, String label, long value) {}

  /** One bar of a horizontal bar chart; {@code display} is the value as shown. */
  record Bar(String label, double value, String display) {}

  /**
   * Columns scaled so the largest fills {@value #PLOT_HEIGHT} px; a column of 0 has height 0 but
   * still has its place, so a day without posts is a gap, not a missing day.
   */
  static String columns(String cssClass, String description, List<Column> columns) {
    StringBuilder svg = new StringBuilder();
    int height = TOP + PLOT_HEIGHT + BOTTOM;
    svg.append("<svg class=\"chart ").append(cssClass).append("\" role=\"img\" viewBox=\"0 0 ").append(WIDTH).append(' ')
        .append(height).append("\" width=\"").append(WIDTH).append("\" height=\"").append(height)
        .append("\" xmlns=\"http://www.w3.org/2000/svg\"><desc>").append(escape(description)).append("</desc>");
    long max = columns.stream().mapToLong(Column::value).max().orElse(0);
    int baseline = TOP + PLOT_HEIGHT;
    svg.append("<line class=\"axis\" x1=\"").append(LEFT).append("\" y1=\"").append(baseline).append("\" x2=\"")
        .append(WIDTH).append("\" y2=\"").append(baseline).append("\"/>");
    svg.append("<text class=\"y-label\" x=\"").append(LEFT - 4).append("\" y=\"").append(TOP + 4)
        .append("\" text-anchor=\"end\">").append(max).append("</text>");
    svg.append("<text class=\"y-label\" x=\"").append(LEFT - 4).append("\" y=\"").append(baseline)
        .append("\" text-anchor=\"end\">0</text>");
    if (!columns.isEmpty()) {
      double slot = (double) (WIDTH - LEFT) / columns.size();
      double barWidth = Math.max(1, slot * 0.8);
      int labelEvery = (columns.size() + MAX_X_LABELS - 1) / MAX_X_LABELS;
      for (int i = 0; i < columns.size(); i++) {
        Column column = columns.get(i);
        double h = max == 0 ? 0 : (double) column.value() * PLOT_HEIGHT / max;
        double x = LEFT + i * slot + (slot - barWidth) / 2;
        svg.append("<rect class=\"bar\" data-key=\"").append(escape(column.key())).append("\" data-value=\"")
            .append(column.value()).append("\" x=\"").append(fmt(x)).append("\" y=\"").append(fmt(baseline - h))
            .append("\" width=\"").append(fmt(barWidth)).append("\" height=\"").append(fmt(h)).append("\"><title>")
            .append(escape(column.key())).append(": ").append(column.value()).append("</title></rect>");
        if (i % labelEvery == 0 || i == columns.size() - 1) {
          svg.append("<text class=\"x-label\" x=\"").append(fmt(LEFT + i * slot + slot / 2)).append("\" y=\"")
              .append(baseline + 16).append("\" text-anchor=\"middle\">").append(escape(column.label())).append("</text>");
        }
      }
    }
    return svg.append("</svg>").toString();
  }

  /** Horizontal bars, the largest value spanning the width left of the labels. */
  static String bars(String cssClass, String description, List<Bar> bars) {
    int height = Math.max(1, bars.size()) * (BAR_HEIGHT + BAR_GAP);
    StringBuilder svg = new StringBuilder();
    svg.append("<svg class=\"chart ").append(cssClass).append("\" role=\"img\" viewBox=\"0 0 ").append(WIDTH).append(' ')
        .append(height).append("\" width=\"").append(WIDTH).append("\" height=\"").append(height)
        .append("\" xmlns=\"http://www.w3.org/2000/svg\"><desc>").append(escape(description)).append("</desc>");
    double max = bars.stream().mapToDouble(Bar::value).max().orElse(0);
    int room = WIDTH - LABEL_WIDTH - 70;
    for (int i = 0; i < bars.size(); i++) {
      Bar bar = bars.get(i);
      double w = max <= 0 ? 0 : Math.max(0, bar.value()) * room / max;
      int y = i * (BAR_HEIGHT + BAR_GAP);
      svg.append("<text class=\"bar-label\" x=\"").append(LABEL_WIDTH - 6).append("\" y=\"").append(y + 13)
          .append("\" text-anchor=\"end\">").append(escape(Html.truncate(bar.label(), 32))).append("</text>");
      svg.append("<rect class=\"bar\" data-key=\"").append(escape(bar.label())).append("\" data-value=\"")
          .append(escape(bar.display())).append("\" x=\"").append(LABEL_WIDTH).append("\" y=\"").append(y)
          .append("\" width=\"").append(fmt(w)).append("\" height=\"").append(BAR_HEIGHT).append("\"><title>")
          .append(escape(bar.label())).append(": ").append(escape(bar.display())).append("</title></rect>");
      svg.append("<text class=\"bar-value\" x=\"").append(fmt(LABEL_WIDTH + w + 6)).append("\" y=\"").append(y + 13)
          .append("\">").append(escape(bar.display())).append("</text>");
    }
    return svg.append("</svg>").toString();
  }

  /**
   * A calendar heat map: a column per ISO week (Monday first), a row per weekday, each day's cell
   * in one of five levels (0: nothing written; 1-4: quarters of the busiest day).
   */
  static String calendar(List<DayActivity> days) {
    if (days.isEmpty()) {
      return "<p class=\"empty\">No days yet.</p>";
    }
    LocalDate firstMonday = days.get(0).day().with(DayOfWeek.MONDAY);
    long weeks = ChronoUnit.WEEKS.between(firstMonday, days.get(days.size() - 1).day()) + 1;
    int width = 36 + (int) weeks * (CELL + CELL_GAP);
    int height = 7 * (CELL + CELL_GAP) + 4;
    long max = days.stream().mapToLong(DayActivity::written).max().orElse(0);
    StringBuilder svg = new StringBuilder();
    svg.append("<svg class=\"chart calendar\" role=\"img\" viewBox=\"0 0 ").append(width).append(' ').append(height)
        .append("\" width=\"").append(width).append("\" height=\"").append(height)
        .append("\" xmlns=\"http://www.w3.org/2000/svg\"><desc>Posts and replies per UTC day</desc>");
    String[] names = {"Mon", "Wed", "Fri"};
    for (int i = 0; i < names.length; i++) {
      svg.append("<text class=\"y-label\" x=\"0\" y=\"").append(i * 2 * (CELL + CELL_GAP) + CELL - 2).append("\">")
          .append(names[i]).append("</text>");
    }
    for (DayActivity day : days) {
      long week = ChronoUnit.WEEKS.between(firstMonday, day.day());
      int row = day.day().getDayOfWeek().getValue() - 1;
      int level = day.written() == 0 || max == 0 ? 0 : (int) Math.min(4, Math.max(1, Math.ceil(4.0 * day.written() / max)));
      svg.append("<rect class=\"day level-").append(level).append("\" data-day=\"").append(day.day()).append("\" data-value=\"")
          .append(day.written()).append("\" x=\"").append(36 + week * (CELL + CELL_GAP)).append("\" y=\"")
          .append(row * (CELL + CELL_GAP)).append("\" width=\"").append(CELL).append("\" height=\"").append(CELL)
          .append("\"><title>").append(day.day()).append(' ').append(day.day().getDayOfWeek().getDisplayName(
              java.time.format.TextStyle.SHORT, Locale.ROOT)).append(": ").append(day.written())
          .append(day.written() == 1 ? " post" : " posts").append("</title></rect>");
    }
    return svg.append("</svg>").toString();
  }

  static double value(BigDecimal decimal) {
    return decimal == null ? 0 : decimal.doubleValue();
  }

  /** One decimal place, '.' whatever the JVM's locale. */
  static String fmt(double value) {
    return String.format(Locale.ROOT, "%.1f", value);
  }
}
