package io.tidbsync.domain.failure;

import java.util.regex.Pattern;

/**
 * Messages as a user reads them: a driver's or the runtime's exception, wrapped, often carries
 * its class name ("java.sql.SQLException: Access denied", "IllegalArgumentException: …"), which
 * says nothing to a user. Those prefixes are removed; the words after them are kept. Errors of
 * the runtime ("OutOfMemoryError: Java heap space") keep their names.
 */
public final class Messages {
  /**
   * A class name ending in Exception, qualified or not, followed by ": " and its message. A class
   * name with nothing after it is kept: it is then all there is to say.
   */
  private static final Pattern CLASS_NAME =
      Pattern.compile("(?<![\\w$.])(?:[a-z_$][\\w$]*\\.)*[A-Z][\\w$]*Exception: (?=\\S)");

  private Messages() {}

  public static String withoutClassNames(String message) {
    if (message == null || message.isEmpty()) {
      return message;
    }
    String plain = CLASS_NAME.matcher(message).replaceAll("").strip();
    return plain.isEmpty() ? message : plain;
  }
}
