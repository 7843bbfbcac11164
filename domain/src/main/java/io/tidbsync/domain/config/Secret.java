package io.tidbsync.domain.config;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A password or key: its {@link #toString()} never reveals it, so logs and errors cannot either. */
public record Secret(String value) {
  public Secret {
    requireNonNull(value, "value is null");
  }

  public boolean isEmpty() {
    return value.isEmpty();
  }

  /**
   * A JDBC URL as it may be shown: the value of any {@code password=} parameter replaced, so a
   * password written into a URL never reaches a log or a message.
   */
  public static String maskInUrl(String url) {
    return url.replaceAll("(?i)(password=)[^&;]*", "$1***")
        // user:password@host, in URLs with an authority part
        .replaceAll("(//[^/:@?;&]*:)[^/@?;&]*@", "$1***@");
  }

  /**
   * {@code text} (an error message) with the passwords of {@code url} and {@code password} masked
   * wherever they appear: a driver may quote its URL, or the value, in its own messages.
   */
  public static String scrub(String text, String url, Secret password) {
    String out = text == null ? "" : text;
    for (String secret : passwordsIn(url)) {
      out = out.replace(secret, "***");
    }
    if (password != null && !password.value().isEmpty()) {
      out = out.replace(password.value(), "***");
    }
    return maskInUrl(out);
  }

  private static List<String> passwordsIn(String url) {
    List<String> found = new ArrayList<>();
    if (url == null) {
      return found;
    }
    Matcher parameter = Pattern.compile("(?i)password=([^&;]+)").matcher(url);
    while (parameter.find()) {
      found.add(parameter.group(1));
    }
    Matcher authority = Pattern.compile("//[^/:@?;&]*:([^/@?;&]+)@").matcher(url);
    if (authority.find()) {
      found.add(authority.group(1));
    }
    return found;
  }

  @Override
  public String toString() {
    return "***";
  }
}
