package dev.eider.worker;

import dev.eider.worker.run.TerminationMessage;
import java.lang.reflect.Constructor;
import java.util.Map;
import picocli.CommandLine;

/**
 * Creates picocli commands with what every command needs: the process environment (never read
 * with {@code System.getenv} inside commands, so tests can pass their own) and the termination
 * message the result goes to.
 */
final class WorkerFactory implements CommandLine.IFactory {

  private final Map<String, String> env;
  private final TerminationMessage termination;

  WorkerFactory(Map<String, String> env, TerminationMessage termination) {
    this.env = Map.copyOf(env);
    this.termination = termination;
  }

  @Override
  public <K> K create(Class<K> type) throws Exception {
    for (Constructor<?> constructor : type.getDeclaredConstructors()) {
      Class<?>[] parameters = constructor.getParameterTypes();
      if (parameters.length == 2 && parameters[0] == Map.class && parameters[1] == TerminationMessage.class) {
        constructor.setAccessible(true);
        return type.cast(constructor.newInstance(env, termination));
      }
    }
    return CommandLine.defaultFactory().create(type);
  }
}
