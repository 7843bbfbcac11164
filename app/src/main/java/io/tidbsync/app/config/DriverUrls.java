package io.tidbsync.app.config;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JDBC URLs a configuration may give (POSTGRES_URL, STATE_JDBC_URL) reach a driver as they
 * are, so driver properties that load classes, read or write local files, or deserialize objects
 * are refused wherever they appear in the URL: in its query, in a MySQL host block
 * {@code (key=value)}, percent-encoded or not, in any letter case.
 */
final class DriverUrls {
  /** mysql-connector-j: local files sent to the server, Java objects, plug-in classes. */
  private static final Set<String> MYSQL = Set.of("allowloadlocalinfile", "allowloadlocalinfileinpath",
      "allowurlinlocalinfile", "autodeserialize", "queryinterceptors", "exceptioninterceptors",
      "connectionlifecycleinterceptors", "statementinterceptors", "propertiestransform", "socketfactory",
      "authenticationplugins", "defaultauthenticationplugin", "clientinfoprovider", "loadbalanceexceptionchecker",
      "ha.loadbalancestrategy", "loadbalancestrategy", "replicationconnectiongroup", "profilereventhandler", "logger",
      "ociconfigfile", "authenticationwebauthncallbackhandler", "authenticationopenidconnectcallbackhandler");
  /** pgjdbc: classes instantiated from URL values (CVE-2022-21724) and a log file written anywhere (CVE-2022-26520). */
  private static final Set<String> POSTGRES = Set.of("socketfactory", "socketfactoryarg", "sslfactory",
      "sslfactoryarg", "sslhostnameverifier", "sslpasswordcallback", "authenticationpluginclassname", "loggerfile",
      "loggerlevel", "jaasapplicationname", "jaaslogin", "gsslib", "sspiservicesclass", "kerberosservername");
  private static final Pattern KEY = Pattern.compile("([A-Za-z][A-Za-z0-9_.]*)\\s*=");

  private DriverUrls() {}

  /** Why the URL given under {@code key} is refused, or empty when it may be used. */
  static Optional<String> problem(String key, String url) {
    String decoded;
    try {
      decoded = URLDecoder.decode(url.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return Optional.of(key + " holds a malformed %-escape");
    }
    if (decoded.chars().anyMatch(Character::isISOControl)) {
      return Optional.of(key + " holds control characters");
    }
    String lower = decoded.toLowerCase(Locale.ROOT);
    Set<String> refused = lower.startsWith("jdbc:postgresql:") ? POSTGRES
        : lower.startsWith("jdbc:mysql:") || lower.startsWith("jdbc:mariadb:") ? MYSQL : Set.of();
    Matcher m = KEY.matcher(decoded);
    while (m.find()) {
      String name = m.group(1).toLowerCase(Locale.ROOT);
      if (refused.contains(name)) {
        return Optional.of(key + " sets the driver property " + m.group(1) + ", which is not allowed: it can load"
            + " classes, or touch local files; tidb-sync sets the driver's safe defaults itself");
      }
    }
    return Optional.empty();
  }
}
