package dev.eider.operator.workerjob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.eider.operator.platform.EiderConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** eider.branch.pod-security: restricted by default, any level, or empty for no labels. */
class PodSecurityLabelsTest {

  @Test
  void restrictedByDefault() {
    assertThat(PodSecurityLabels.of(configured(Map.of()).branch().podSecurity())).containsExactly(
        entry("pod-security.kubernetes.io/enforce", "restricted"), entry("pod-security.kubernetes.io/enforce-version", "latest"),
        entry("pod-security.kubernetes.io/warn", "restricted"), entry("pod-security.kubernetes.io/warn-version", "latest"),
        entry("pod-security.kubernetes.io/audit", "restricted"), entry("pod-security.kubernetes.io/audit-version", "latest"));
  }

  @Test
  void anotherLevelIsUsedForEveryMode() {
    assertThat(PodSecurityLabels.of(configured(Map.of("eider.branch.pod-security", "baseline")).branch().podSecurity()))
        .containsEntry("pod-security.kubernetes.io/enforce", "baseline").containsEntry("pod-security.kubernetes.io/warn", "baseline")
        .containsEntry("pod-security.kubernetes.io/audit", "baseline").hasSize(6);
  }

  @Test
  void anEmptySettingMeansNoLabels() {
    // Positive control above: the same mapping with no setting gives six labels.
    assertThat(PodSecurityLabels.of(configured(Map.of("eider.branch.pod-security", "")).branch().podSecurity())).isEmpty();
  }

  @Test
  void anUnknownLevelIsAProblemThatSaysWhatToSet() {
    assertThat(PodSecurityLabels.problem(Optional.of("strict"))).contains("eider.branch.pod-security is 'strict': set it to"
        + " privileged, baseline or restricted, or to empty for no Pod Security labels");
    assertThat(PodSecurityLabels.problem(Optional.of("restricted"))).isEmpty();
    assertThat(PodSecurityLabels.problem(Optional.empty())).isEmpty();
  }

  /** The configuration as Quarkus reads it from a properties file (where an empty value means unset). */
  static EiderConfig configured(Map<String, String> properties) {
    return new SmallRyeConfigBuilder()
        .addDefaultInterceptors()
        .withMapping(EiderConfig.class)
        .withConverter(Duration.class, 200, new DurationConverter())
        .withSources(new PropertiesConfigSource(properties, "test", 260))
        .build().unwrap(SmallRyeConfig.class).getConfigMapping(EiderConfig.class);
  }
}
