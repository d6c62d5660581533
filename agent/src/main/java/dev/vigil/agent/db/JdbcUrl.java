package dev.vigil.agent.db;

import java.util.Locale;

/**
 * Parses a JDBC URL into {@link DbInfo}: {@code jdbc:postgresql://host:port/db?..}, {@code jdbc:mariadb://user:pw@host/db},
 * {@code jdbc:h2:mem:name}, {@code jdbc:h2:tcp://host/~/name}, {@code jdbc:sqlserver://host;databaseName=db},
 * {@code jdbc:oracle:thin:@//host:port/service} or {@code @host:port:sid}, and others by their sub-protocol. Wrapping
 * drivers ({@code jdbc:p6spy:mysql:}, {@code jdbc:tc:postgresql:15:///db}, {@code jdbc:otel:},
 * {@code jdbc:aws-wrapper:}, {@code jdbc:log4jdbc:}, any other) resolve to the database they name next; an unknown
 * database gets the {@link SqlDialect#UNKNOWN} dialect. User information, properties and passwords are dropped.
 * Never throws.
 */
public final class JdbcUrl {
  private static final int MAX_PART = 128;
  private static final int MAX_WRAPPERS = 4;

  private JdbcUrl() {}

  public static DbInfo parse(String url) {
    if (url == null) {
      return DbInfo.UNKNOWN;
    }
    try {
      String rest = subProtocols(url);
      for (int depth = 0; rest != null && depth < MAX_WRAPPERS; depth++) {
        int colon = rest.indexOf(':');
        String sub = (colon < 0 ? rest : rest.substring(0, colon)).toLowerCase(Locale.ROOT);
        String tail = colon < 0 ? "" : rest.substring(colon + 1);
        DbInfo info = database(sub, tail);
        if (info != null) {
          return info;
        }
        // a wrapper (p6spy, tc, otel, aws-wrapper, ...) names the real database next; "//" starts the authority
        rest = tail.isEmpty() || tail.startsWith("/") ? null : tail;
      }
      return DbInfo.UNKNOWN;
    } catch (RuntimeException e) {
      return DbInfo.UNKNOWN;
    }
  }

  /** What follows {@code jdbc:} (or a {@code jdbc-secretsmanager:}-like prefix), or null when it is no JDBC URL. */
  private static String subProtocols(String url) {
    if (url.regionMatches(true, 0, "jdbc:", 0, 5)) {
      return url.substring(5);
    }
    int colon = url.indexOf(':');
    return url.regionMatches(true, 0, "jdbc-", 0, 5) && colon > 5 ? url.substring(colon + 1) : null;
  }

  /** The database a sub-protocol names, or null when it names none Vigil knows. */
  private static DbInfo database(String sub, String tail) {
    String s = skipQualifier(tail);
    switch (sub) {
      case "postgresql":
      case "pgsql":
      case "postgis":
      case "timescaledb":
        return hierarchical("postgresql", s, 5432, SqlDialect.POSTGRESQL);
      case "mysql":
      case "tidb":
        return hierarchical("mysql", s, 3306, SqlDialect.MYSQL);
      case "mariadb":
        return hierarchical("mariadb", s, 3306, SqlDialect.MYSQL);
      case "sqlserver":
      case "jtds":
        return sqlServer(s);
      case "oracle":
        return oracle(tail);
      case "db2":
        return hierarchical("ibm.db2", s, 50000, SqlDialect.STANDARD);
      case "h2":
        return h2(tail);
      case "hsqldb":
        return embedded("hsqldb", tail, SqlDialect.STANDARD);
      case "derby":
        return embedded("derby", tail, SqlDialect.STANDARD);
      case "sqlite":
        return embedded("sqlite", tail, SqlDialect.UNKNOWN);
      default:
        return null;
    }
  }

  /**
   * {@code loadbalance://h/db}, {@code aws://h/db}, {@code 8.0.36://h/db} (Testcontainers' image tag),
   * {@code sqlserver://h} (jTDS): the word before {@code //} qualifies the URL and is dropped.
   */
  private static String skipQualifier(String tail) {
    int slashes = tail.indexOf("://");
    if (slashes <= 0 || tail.startsWith("//")) {
      return tail;
    }
    for (int i = 0; i < slashes; i++) {
      char c = tail.charAt(i);
      if (!Character.isLetterOrDigit(c) && c != '.' && c != '-' && c != '_') {
        return tail;
      }
    }
    return tail.substring(slashes + 1);
  }

  /** {@code //[user[:pw]@]host[:port][,host2...]/db[?props]} */
  private static DbInfo hierarchical(String system, String tail, int defaultPort, SqlDialect dialect) {
    if (!tail.startsWith("//")) {
      return new DbInfo(system, null, null, -1, dialect);
    }
    String s = tail.substring(2);
    int props = indexOfAny(s, "?;");
    int at = s.lastIndexOf('@', props < 0 ? s.length() : props); // user-info may hold '/' in a password
    s = at < 0 ? s : s.substring(at + 1);
    int slash = indexOfAny(s, "/?;");
    String authority = slash < 0 ? s : s.substring(0, slash);
    String db = slash >= 0 && s.charAt(slash) == '/' ? s.substring(slash + 1) : null;
    if (db != null) {
      int stop = indexOfAny(db, "?;&");
      db = stop < 0 ? db : db.substring(0, stop);
    }
    int comma = authority.indexOf(',');
    authority = comma < 0 ? authority : authority.substring(0, comma);
    return hostPort(system, authority, defaultPort, db, dialect);
  }

  private static DbInfo hostPort(String system, String hostPort, int defaultPort, String db, SqlDialect dialect) {
    String host = hostPort;
    int port = defaultPort;
    int bracket = hostPort.indexOf(']');
    int colon = hostPort.indexOf(':', bracket < 0 ? 0 : bracket);
    if (colon >= 0) {
      host = hostPort.substring(0, colon);
      port = parsePort(hostPort.substring(colon + 1), defaultPort);
    }
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    return new DbInfo(system, part(db), part(host), host.isEmpty() ? -1 : port, dialect);
  }

  private static DbInfo sqlServer(String tail) {
    String s = tail.startsWith("//") ? tail.substring(2) : tail;
    int semi = s.indexOf(';');
    String authority = semi < 0 ? s : s.substring(0, semi);
    String db = property(s, "databaseName");
    if (db == null) {
      db = property(s, "database");
    }
    int slash = authority.indexOf('/'); // jtds: host:port/db; sqlserver: host\instance
    if (slash >= 0) {
      db = db != null ? db : authority.substring(slash + 1);
      authority = authority.substring(0, slash);
    }
    int backslash = authority.indexOf('\\');
    authority = backslash < 0 ? authority : authority.substring(0, backslash);
    return hostPort("microsoft.sql_server", authority, 1433, db, SqlDialect.SQLSERVER);
  }

  /** {@code thin:@host:port:sid}, {@code thin:@//host:port/service}, {@code thin:@(DESCRIPTION=...)}. */
  private static DbInfo oracle(String tail) {
    int at = tail.lastIndexOf('@'); // user/password@... : the password may hold '@'
    String s = at < 0 ? "" : tail.substring(at + 1);
    if (s.startsWith("(")) {
      String host = property(s.replace("(", ";").replace(")", ";"), "HOST");
      String port = property(s.replace("(", ";").replace(")", ";"), "PORT");
      String service = property(s.replace("(", ";").replace(")", ";"), "SERVICE_NAME");
      return new DbInfo("oracle.db", part(service), part(host), host == null ? -1 : parsePort(port, 1521),
          SqlDialect.ORACLE);
    }
    if (s.startsWith("//")) {
      s = s.substring(2);
      int slash = s.indexOf('/');
      String service = slash < 0 ? null : s.substring(slash + 1);
      return hostPort("oracle.db", slash < 0 ? s : s.substring(0, slash), 1521, strip(service), SqlDialect.ORACLE);
    }
    String[] parts = s.split(":");
    String sid = parts.length > 2 ? parts[2] : parts.length == 2 && !isNumber(parts[1]) ? parts[1] : null;
    String port = parts.length > 1 && isNumber(parts[1]) ? parts[1] : null;
    return new DbInfo("oracle.db", part(strip(sid)), part(parts[0]), parts[0].isEmpty() ? -1 : parsePort(port, 1521),
        SqlDialect.ORACLE);
  }

  /** {@code mem:name}, {@code file:/path/name}, {@code ~/name}, {@code tcp://host[:port]/~/name}. */
  private static DbInfo h2(String tail) {
    String s = strip(tail);
    if (s.startsWith("tcp:") || s.startsWith("ssl:")) {
      DbInfo remote = hierarchical("h2database", s.substring(4), 9092, SqlDialect.STANDARD);
      return new DbInfo(remote.system, lastSegment(remote.namespace), remote.serverAddress, remote.serverPort,
          remote.dialect);
    }
    for (String prefix : new String[] {"mem:", "file:", "zip:", "split:", "nio:", "nioMapped:", "async:"}) {
      if (s.startsWith(prefix)) {
        s = s.substring(prefix.length());
        break;
      }
    }
    return new DbInfo("h2database", part(lastSegment(s)), null, -1, SqlDialect.STANDARD);
  }

  private static DbInfo embedded(String system, String tail, SqlDialect dialect) {
    String s = strip(tail);
    int colon = s.lastIndexOf(':');
    return new DbInfo(system, part(lastSegment(colon < 0 ? s : s.substring(colon + 1))), null, -1, dialect);
  }

  /** A {@code ;key=value} property, case-insensitive, or null. */
  private static String property(String s, String key) {
    String lower = s.toLowerCase(Locale.ROOT);
    String k = ";" + key.toLowerCase(Locale.ROOT) + "=";
    int i = (";" + lower).indexOf(k);
    if (i < 0) {
      return null;
    }
    int start = i + k.length() - 1;
    int stop = s.indexOf(';', start);
    return s.substring(start, stop < 0 ? s.length() : stop).trim();
  }

  private static String strip(String s) {
    if (s == null) {
      return null;
    }
    int stop = indexOfAny(s, ";?");
    return stop < 0 ? s : s.substring(0, stop);
  }

  private static String lastSegment(String path) {
    if (path == null) {
      return null;
    }
    int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
    return slash < 0 ? path : path.substring(slash + 1);
  }

  private static String part(String s) {
    if (s == null || s.isEmpty()) {
      return null;
    }
    return s.length() > MAX_PART ? s.substring(0, MAX_PART) : s;
  }

  private static int parsePort(String s, int defaultPort) {
    return isNumber(s) && s.length() <= 5 ? Integer.parseInt(s) : defaultPort;
  }

  private static boolean isNumber(String s) {
    if (s == null || s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  private static int indexOfAny(String s, String chars) {
    for (int i = 0; i < s.length(); i++) {
      if (chars.indexOf(s.charAt(i)) >= 0) {
        return i;
      }
    }
    return -1;
  }
}
