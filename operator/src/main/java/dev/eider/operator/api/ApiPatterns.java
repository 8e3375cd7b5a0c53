package dev.eider.operator.api;

import dev.eider.contract.time.Durations;

/**
 * Regular expressions shared by the CRD schemas, so the API server rejects malformed values before
 * the operator ever sees them. The operator validates the same fields again (cross-field rules,
 * references), since a schema cannot express everything.
 */
public final class ApiPatterns {

  /** A duration in Eider's one syntax ({@link Durations}): {@code 30s}, {@code 10m}, {@code 1h30m}, {@code 2d}. */
  public static final String DURATION = Durations.PATTERN;

  /** An RFC 1123 label: the names of namespaces, pools and other Kubernetes objects. */
  public static final String DNS_LABEL = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";

  /** An RFC 1123 subdomain: the names of Assets, Secrets and ConfigMaps. */
  public static final String DNS_SUBDOMAIN = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";

  /** An AT Protocol URI: {@code at://<did or handle>/<collection>/<rkey>}. */
  public static final String AT_URI = "^at://[A-Za-z0-9._:%-]+/[A-Za-z0-9.]+/[A-Za-z0-9._~:-]+$";

  /** A Bluesky actor: a DID ({@code did:plc:...}, {@code did:web:...}) or a handle ({@code alice.bsky.social}). */
  public static final String ACTOR = "^(did:[a-z]+:[A-Za-z0-9._:%-]+|([A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?\\.)+[A-Za-z]{2,})$";

  /** A SQL model or check name: a lower-case identifier that is a table name as it stands. */
  public static final String SQL_IDENTIFIER = "^[a-z_][a-z0-9_]*$";

  /** A calendar date or a date and time without zone (the zone is the schedule's): {@code 2025-01-01}. */
  public static final String LOCAL_DATE_TIME = "^[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2}(:[0-9]{2})?)?$";

  /** An IANA time zone name such as {@code UTC} or {@code Europe/Berlin}. */
  public static final String TIMEZONE = "^[A-Za-z][A-Za-z0-9_+-]*(/[A-Za-z0-9_+-]+)*$";

  /** A relative object path under a prefix: {@code _reports/dashboard.html} (the operator refuses {@code ..} segments). */
  public static final String OBJECT_PATH = "^[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*$";

  /**
   * A database to compare with: {@code s3://<bucket>/<key>} (a DuckDB file kept as an object),
   * {@code md:<name>} (MotherDuck) or a bare name, a sibling of the run's own database. Never a path
   * on the node: a run must not read files outside its storage.
   */
  public static final String DATABASE = "^(s3://[a-z0-9][a-z0-9.-]{1,62}/[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*|md:[A-Za-z_][A-Za-z0-9_]{0,62}"
      + "|[A-Za-z0-9_][A-Za-z0-9_-]{0,62})$";

  private ApiPatterns() {}
}
