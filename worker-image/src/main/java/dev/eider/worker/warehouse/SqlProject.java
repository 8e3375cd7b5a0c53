package dev.eider.worker.warehouse;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.eider.worker.run.WorkerFailure;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The SQL project a worker runs: {@code models/*.sql} (one SELECT per model, named after its file),
 * {@code sources.yaml} (raw tables and the assets they are loaded from) and {@code checks.yaml}
 * (checks per asset). It is packaged into the worker jar under {@code sql/}; {@value #DIR_ENV}
 * names a directory of the same shape to use instead.
 */
public final class SqlProject {

  public static final String DIR_ENV = "EIDER_SQL_DIR";
  private static final String RESOURCE_ROOT = "sql";
  private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private final String origin;
  private final Map<String, String> models;
  private final Map<String, RawSource> rawTables;
  private final JsonNode checks;
  private final Set<String> supplied;

  private SqlProject(String origin, Map<String, String> models, Map<String, RawSource> rawTables, JsonNode checks,
      Set<String> supplied) {
    this.origin = origin;
    this.models = Collections.unmodifiableMap(models);
    this.rawTables = Collections.unmodifiableMap(rawTables);
    this.checks = checks;
    this.supplied = Collections.unmodifiableSet(supplied);
  }

  /** The image's project (or {@value #DIR_ENV}'s), with the models the run supplies ({@link SuppliedModels}). */
  public static SqlProject load(Map<String, String> env) {
    return base(env).with(SuppliedModels.fromEnvironment(env));
  }

  private static SqlProject base(Map<String, String> env) {
    String directory = env.get(DIR_ENV);
    if (directory != null && !directory.isBlank()) {
      Path root = Path.of(directory);
      if (!Files.isDirectory(root.resolve("models"))) {
        throw WorkerFailure.badInput(DIR_ENV + "=" + directory + " has no models/ directory");
      }
      return read(root, DIR_ENV + "=" + directory);
    }
    return fromClasspath(SqlProject.class.getClassLoader());
  }

  /** The project packaged into the worker jar (or target/classes when run from a build). */
  static SqlProject fromClasspath(ClassLoader classLoader) {
    URL marker = classLoader.getResource(RESOURCE_ROOT + "/sources.yaml");
    if (marker == null) {
      throw WorkerFailure.failed("the worker has no packaged SQL project (sql/sources.yaml): set " + DIR_ENV, null);
    }
    try {
      URI uri = marker.toURI();
      if ("jar".equals(uri.getScheme())) {
        try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
          return read(jar.getPath("/" + RESOURCE_ROOT), "the worker image");
        }
      }
      return read(Path.of(uri).getParent(), "the worker image");
    } catch (URISyntaxException | IOException e) {
      throw WorkerFailure.failed("cannot read the packaged SQL project: " + e.getMessage(), e);
    }
  }

  private static SqlProject read(Path root, String origin) {
    try {
      Map<String, String> models = new TreeMap<>();
      try (Stream<Path> files = Files.list(root.resolve("models"))) {
        for (Path file : (Iterable<Path>) files.sorted()::iterator) {
          String fileName = file.getFileName().toString();
          if (!fileName.endsWith(".sql")) {
            continue;
          }
          String name = fileName.substring(0, fileName.length() - 4);
          if (!NAME.matcher(name).matches()) {
            throw WorkerFailure.badInput("model file " + fileName + " (" + origin + "): a model name is lower-case "
                + "letters, digits and underscores, starting with a letter or underscore");
          }
          models.put(name, Files.readString(file));
        }
      }
      Map<String, RawSource> rawTables = readSources(root.resolve("sources.yaml"), origin);
      for (String name : models.keySet()) {
        if (rawTables.containsKey(name)) {
          throw WorkerFailure.badInput("model " + name + " has the name of a raw table (" + origin + ")");
        }
      }
      Path checksFile = root.resolve("checks.yaml");
      JsonNode checks = null;
      if (Files.exists(checksFile)) {
        try {
          checks = YAML.readTree(Files.readString(checksFile));
        } catch (IOException e) {
          throw WorkerFailure.badInput("checks.yaml (" + origin + ") is not valid YAML: " + e.getMessage());
        }
      }
      return new SqlProject(origin, models, rawTables, checks, Set.of());
    } catch (IOException e) {
      throw WorkerFailure.badInput("cannot read the SQL project (" + origin + "): " + e.getMessage());
    }
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  record SourcesFile(Map<String, SourceEntry> rawTables) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record SourceEntry(String asset, String description) {}

  private static Map<String, RawSource> readSources(Path file, String origin) throws IOException {
    Map<String, RawSource> sources = new LinkedHashMap<>();
    if (!Files.exists(file)) {
      return sources;
    }
    SourcesFile parsed;
    try {
      // Read as text: inside the jar the path is a zip entry, which has no java.io.File.
      parsed = YAML.readValue(Files.readString(file), SourcesFile.class);
    } catch (IOException e) {
      throw WorkerFailure.badInput("sources.yaml (" + origin + ") is not valid: " + e.getMessage());
    }
    if (parsed == null || parsed.rawTables() == null) {
      return sources;
    }
    parsed.rawTables().forEach((table, entry) -> {
      if (!NAME.matcher(table).matches() || entry == null || entry.asset() == null || entry.asset().isBlank()) {
        throw WorkerFailure.badInput("sources.yaml (" + origin + "): raw table '" + table
            + "' needs a lower-case name and an asset");
      }
      sources.put(table, new RawSource(table, entry.asset(), entry.description()));
    });
    return sources;
  }

  /**
   * This project with {@code extra} models added, each replacing a shipped model of its name (a
   * branch's ConfigMap may change one); a raw table's name is refused.
   */
  SqlProject with(SuppliedModels extra) {
    if (extra.isEmpty()) {
      return this;
    }
    Map<String, String> merged = new TreeMap<>(models);
    for (Map.Entry<String, String> model : extra.models().entrySet()) {
      if (rawTables.containsKey(model.getKey())) {
        throw WorkerFailure.badInput("model " + model.getKey() + " (" + extra.origin() + ") has the name of a raw table");
      }
      merged.put(model.getKey(), model.getValue());
    }
    return new SqlProject(origin + " with " + extra.origin(), merged, rawTables, checks, new TreeSet<>(extra.models().keySet()));
  }

  /** The models the run supplied rather than the image: held to resolvable references. */
  public Set<String> suppliedModels() {
    return supplied;
  }

  /** Where the project was read from, for messages. */
  public String origin() {
    return origin;
  }

  /** Model name to its SQL, sorted by name. */
  public Map<String, String> models() {
    return models;
  }

  public Map<String, RawSource> rawTables() {
    return rawTables;
  }

  public Optional<RawSource> rawTableOfAsset(String asset) {
    return rawTables.values().stream().filter(source -> source.asset().equals(asset)).findFirst();
  }

  /** The parsed {@code checks.yaml}, if the project has one. */
  public Optional<JsonNode> checks() {
    return Optional.ofNullable(checks);
  }
}
