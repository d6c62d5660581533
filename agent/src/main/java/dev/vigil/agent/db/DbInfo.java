package dev.vigil.agent.db;

/**
 * What the connection URL says about a database: {@code db.system.name} (OpenTelemetry's values), {@code db.namespace},
 * {@code server.address} and {@code server.port}, and the SQL dialect to sanitize its statements with. Never the URL
 * itself, which may hold a password.
 */
public final class DbInfo {
  public static final DbInfo UNKNOWN = new DbInfo("other_sql", null, null, -1, SqlDialect.UNKNOWN);

  public final String system;
  public final String namespace;
  public final String serverAddress;
  public final int serverPort;
  public final SqlDialect dialect;

  DbInfo(String system, String namespace, String serverAddress, int serverPort, SqlDialect dialect) {
    this.system = system;
    this.namespace = namespace;
    this.serverAddress = serverAddress;
    this.serverPort = serverPort;
    this.dialect = dialect;
  }

  @Override
  public String toString() {
    return system + " " + serverAddress + ":" + serverPort + "/" + namespace;
  }
}
