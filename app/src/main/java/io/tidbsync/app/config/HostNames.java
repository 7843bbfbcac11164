package io.tidbsync.app.config;

import java.util.regex.Pattern;

/**
 * What TIDB_HOST may hold: a host name (letters, digits and hyphens in dot-separated labels, as
 * RFC 1123 allows), an IPv4 address, or an IPv6 address (bare or in brackets). Anything else (a
 * port, a path, URL parameters such as {@code ?allowLoadLocalInfile=true}) would end up in the
 * driver's URL, so it is refused.
 */
public final class HostNames {
  private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+(?:%[A-Za-z0-9_.-]+)?");

  private HostNames() {}

  public static boolean isHostOrAddress(String host) {
    if (host.length() > 253 || host.isEmpty()) {
      return false;
    }
    String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    if (bare.contains(":")) {
      return IPV6.matcher(bare).matches() && bare.chars().filter(c -> c == ':').count() >= 2;
    }
    String name = bare.endsWith(".") ? bare.substring(0, bare.length() - 1) : bare;
    for (String label : name.split("\\.", -1)) {
      if (!LABEL.matcher(label).matches()) {
        return false;
      }
    }
    return true;
  }
}
