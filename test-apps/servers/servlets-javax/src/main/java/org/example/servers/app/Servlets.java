package org.example.servers.app;

import java.io.IOException;
import java.util.logging.Logger;
import javax.servlet.AsyncContext;
import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.FilterConfig;
import javax.servlet.RequestDispatcher;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** The app's servlets and filter. */
final class Servlets {
  /** Through java.util.logging: the containers' own lines go there too (Jetty through SLF4J's JUL binding). */
  private static final Logger LOG = Logger.getLogger("org.example.servers.app");

  private Servlets() {}

  /** Answers with a word and the path, to show which servlet ran. */
  static final class Text extends HttpServlet {
    private final String word;
    private final int status;

    Text(String word) {
      this(word, 200);
    }

    Text(String word, int status) {
      this.word = word;
      this.status = status;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      resp.setStatus(status);
      resp.setContentType("text/plain");
      resp.getWriter().print(word + " " + req.getRequestURI());
    }
  }

  /** Throws; the container's error page checks it received this very exception. */
  static final class Boom extends HttpServlet {
    static volatile RuntimeException last;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
      LOG.info("boom: the app is about to throw");
      last = new IllegalStateException("boom from the app");
      throw last;
    }
  }

  /** The error page the container dispatches to after Boom (DispatcherType.ERROR). */
  static final class ErrorPage extends HttpServlet {
    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      Object e = req.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
      if (e instanceof Throwable) {
        Throwable t = (Throwable) e;
        LOG.info("error page: " + t.getMessage());
        System.out.println("CAUGHT " + t.getClass().getName() + ": " + t.getMessage() + " identity="
            + (t == Boom.last ? "same" : "different"));
      }
      resp.setStatus(500);
      resp.getWriter().print("error page");
    }
  }

  static final class Forward extends HttpServlet {
    private final String target;

    Forward(String target) {
      this.target = target;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws ServletException, IOException {
      req.getRequestDispatcher(target).forward(req, resp);
    }
  }

  /** Goes async and dispatches (DispatcherType.ASYNC) to another path from another thread. */
  static final class AsyncDispatch extends HttpServlet {
    private final String target;

    AsyncDispatch(String target) {
      this.target = target;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
      AsyncContext async = req.startAsync();
      async.start(() -> async.dispatch(target));
    }
  }

  /** The default servlet: nothing else matched. */
  static final class NotFound extends HttpServlet {
    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      resp.sendError(404);
    }
  }

  /** Rejects with 401, without calling the chain, a request that lacks the token. */
  static final class TokenFilter implements Filter {
    private final String header;
    private final String token;

    TokenFilter(String header, String token) {
      this.header = header;
      this.token = token;
    }

    @Override
    public void init(FilterConfig config) {
      // Servlet 3.1 (Jetty 9.4) has no default init/destroy
    }

    @Override
    public void destroy() {}

    @Override
    public void doFilter(ServletRequest req, ServletResponse resp, FilterChain chain)
        throws IOException, ServletException {
      if (!token.equals(((HttpServletRequest) req).getHeader(header))) {
        ((HttpServletResponse) resp).sendError(401);
        return;
      }
      chain.doFilter(req, resp);
    }
  }
}
