package dev.eider.operator.platform;

import java.time.Instant;
import java.util.Optional;

/**
 * Reads the RFC 3339 times Kubernetes objects and our own statuses carry. Leniently: a status or a
 * cached object may hold a value someone edited by hand, and one unreadable time must not stop a
 * reconcile, so it reads as absent (or as the caller's fallback).
 */
public final class Timestamps {

  private Timestamps() {}

  /** The instant {@code text} names, or empty when it is null or not an RFC 3339 time. */
  public static Optional<Instant> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(text));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  /** The instant {@code text} names, or {@code fallback} when it is null or unreadable. */
  public static Instant parseOr(String text, Instant fallback) {
    return parse(text).orElse(fallback);
  }
}
