package org.example.redeploy.host;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;

/**
 * Embedded Tomcat 10.1 that deploys the webapp at {@code args[0]} (target/webapp of this module), exercises it and
 * undeploys it, {@code args[1]} times; then deploys it once more and keeps it until a line arrives on standard input,
 * undeploys it and waits for standard input to close. Prints {@code CYCLES n}, {@code DEPLOYED}, {@code UNDEPLOYED}:
 * the test counts the webapp class loaders alive at each point.
 */
public final class RedeployHost {
  private RedeployHost() {}

  public static void main(String[] args) {
    try {
      run(args);
    } catch (Throwable t) {
      t.printStackTrace();
      System.exit(1); // Tomcat's threads would keep the JVM alive
    }
  }

  private static void run(String[] args) throws Exception {
    String webapp = Path.of(args[0]).toAbsolutePath().toString();
    int cycles = Integer.parseInt(args[1]);
    Tomcat tomcat = new Tomcat();
    tomcat.setBaseDir(Files.createTempDirectory("vigil-redeploy").toString());
    tomcat.setAddDefaultWebXmlToWebapp(false);
    Connector connector = new Connector();
    connector.setPort(0);
    connector.setProperty("address", "127.0.0.1");
    tomcat.setConnector(connector);
    tomcat.getHost().setAutoDeploy(false);
    tomcat.start();
    int port = connector.getLocalPort();
    for (int i = 1; i <= cycles; i++) {
      Context context = tomcat.addWebapp("/app", webapp);
      exercise(port, i);
      tomcat.getHost().removeChild(context);
    }
    System.out.println("CYCLES " + cycles);
    Context kept = tomcat.addWebapp("/app", webapp);
    exercise(port, 0);
    System.out.println("DEPLOYED");
    BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    stdin.readLine();
    tomcat.getHost().removeChild(kept);
    System.out.println("UNDEPLOYED");
    while (stdin.readLine() != null) {
      // until the test closes standard input
    }
    tomcat.stop();
    tomcat.destroy();
  }

  /** A few requests to each servlet; a wrong answer ends the host with a message. */
  private static void exercise(int port, int cycle) throws IOException {
    for (int i = 0; i < 3; i++) {
      expect(port, "/app/hello", "hello");
      expect(port, "/app/db/" + (cycle * 10 + i), "db " + (cycle * 10 + i + 1));
      expect(port, "/app/pool", "pooled on webapp-pool-");
    }
  }

  private static void expect(int port, String path, String body) throws IOException {
    HttpURLConnection c = (HttpURLConnection) new URL("http://127.0.0.1:" + port + path).openConnection();
    c.setConnectTimeout(30_000);
    c.setReadTimeout(60_000);
    int status = c.getResponseCode();
    String answer;
    try (InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream()) {
      answer = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    if (status != 200 || !answer.equals(body)) {
      throw new IllegalStateException("GET " + path + " answered " + status + " " + answer + ", expected " + body);
    }
  }
}
