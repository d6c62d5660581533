package org.example.servers.app;

/**
 * The one servlet application every jakarta server runs, under context path {@code /app}: exact ({@code /hello},
 * {@code /boom}, {@code /forward}, {@code /error}), path ({@code /api/*}, {@code /secure/*}), extension ({@code *.do})
 * and default ({@code /}, answers 404) mappings, an async servlet ({@code /async}, whose 202 comes from its async dispatch), and a filter on {@code /secure/*} that rejects requests without a token.
 * (Not in a dev.vigil package: the agent never instruments its own packages.)
 */
public final class ServletApp {
  public static final String CONTEXT_PATH = "/app";
  public static final String TOKEN_HEADER = "X-Token";
  public static final String TOKEN = "let-me-in";

  private ServletApp() {}

  public static void register(Mappings m) {
    m.servlet("hello", new Servlets.Text("hello"), "/hello");
    m.servlet("api", new Servlets.Text("api"), "/api/*");
    m.servlet("reports", new Servlets.Text("report"), "*.do");
    m.servlet("secure", new Servlets.Text("secret"), "/secure/*");
    m.servlet("boom", new Servlets.Boom(), "/boom");
    m.servlet("forward", new Servlets.Forward("/hello"), "/forward");
    m.servlet("accepted", new Servlets.Text("accepted", 202), "/accepted");
    m.servlet("async", new Servlets.AsyncDispatch("/accepted"), "/async");
    m.servlet("error", new Servlets.ErrorPage(), "/error");
    m.servlet("default", new Servlets.NotFound(), "/");
    m.filter("token", new Servlets.TokenFilter(TOKEN_HEADER, TOKEN), "/secure/*");
    m.exceptionErrorPage("/error");
  }

  /** The line the integration tests wait for. */
  public static void ready(int port) {
    System.out.println("READY " + port);
    System.out.flush();
  }
}
