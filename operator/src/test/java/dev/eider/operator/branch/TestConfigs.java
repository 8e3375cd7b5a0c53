package dev.eider.operator.branch;

import dev.eider.operator.platform.EiderConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.Map;

/** The operator's configuration outside Quarkus: its defaults plus the given properties, durations read as Quarkus reads them. */
public final class TestConfigs {

  private TestConfigs() {}

  public static EiderConfig with(Map<String, String> properties) {
    return new SmallRyeConfigBuilder()
        .withMapping(EiderConfig.class)
        .withConverter(Duration.class, 200, new DurationConverter())
        .withDefaultValues(properties)
        .build().unwrap(SmallRyeConfig.class).getConfigMapping(EiderConfig.class);
  }
}
