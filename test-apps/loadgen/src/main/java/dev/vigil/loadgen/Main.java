package dev.vigil.loadgen;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** {@code java -jar vigil-loadgen.jar <command> [--option value ...]}; see {@link #usage}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    int code;
    try {
      code = run(args);
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      usage(System.err);
      code = 2;
    } catch (Exception e) {
      e.printStackTrace();
      code = 2;
    }
    System.exit(code);
  }

  static int run(String[] args) throws Exception {
    if (args.length == 0) {
      usage(System.out);
      return 2;
    }
    Args a = new Args(args, 1);
    switch (args[0]) {
      case "open": return LoadRun.run(true, a);
      case "closed": return LoadRun.run(false, a);
      case "sink": return OtlpSink.run(a);
      case "await": return await(a);
      case "startup": return StartupRun.run(a);
      case "jfr-alloc": return JfrAllocation.run(a);
      case "fetch": return fetch(a);
      case "report": return BenchReport.run(a);
      case "gate": return PerfGate.run(a, System.out);
      default:
        throw new IllegalArgumentException("unknown command " + args[0]);
    }
  }

  /** Polls a URL until it answers 2xx; prints milliseconds since {@code --since-epoch-ms} (or since this call). */
  private static int await(Args a) throws Exception {
    Target t = Target.parse(a.require("url"), "GET");
    long since = (long) a.number("since-epoch-ms", System.currentTimeMillis());
    long deadline = System.nanoTime() + (long) (a.seconds("timeout", 60) * 1e9);
    while (System.nanoTime() < deadline) {
      try (HttpConnection c = new HttpConnection(t.host, t.port)) {
        int status = c.request("GET", t.pathFor(0, 1), null);
        if (status >= 200 && status < 300) {
          System.out.println(System.currentTimeMillis() - since);
          return 0;
        }
      } catch (java.io.IOException e) {
        // not up yet
      }
      Thread.sleep(5);
    }
    System.err.println("no 2xx from " + t + " in time");
    return 1;
  }

  private static int fetch(Args a) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(a.require("url")))
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    System.out.print(r.body());
    return r.statusCode() < 400 ? 0 : 1;
  }

  static void usage(PrintStream out) {
    out.println(String.join("\n",
        "usage: java -jar vigil-loadgen.jar COMMAND [options]",
        "  open    --rate R --target [name=]http://host:port/path[*weight] ...  open model at R req/s (latency from the",
        "          intended send time); --connections N (max outstanding, default 64; a send that cannot start is late)",
        "  closed  --target ... --connections N (default 8)  closed loop, as fast as possible (max throughput)",
        "          both: --warmup 5s --duration 30s --apdex-t 500ms --method GET --body JSON --id-range 100",
        "                --pid PID [--clk-tck 100] (app CPU per request from /proc) --out result.json",
        "          a {id} in a target path cycles through 1..id-range",
        "  sink    [--port 0]  OTLP/HTTP sink: POST /v1/traces|metrics|logs -> 200; GET /stats; prints READY <port>",
        "  await   --url URL [--since-epoch-ms T] [--timeout 60s]  wait for a 2xx, print ms since T",
        "  fetch   --url URL  print the body",
        "  startup --target URL --since-epoch-ms T --out FILE [--pid PID] [--window 10s] [--connections 16]",
        "          [--agent-log FILE --route /products/{id}]  first 200, CPU by then, throughput in the first window,",
        "          first request counted on the agent's /metrics",
        "  jfr-alloc --jfr FILE  bytes allocated by all threads during a recording (jdk.ThreadAllocationStatistics)",
        "  report  --dir RESULTS --json OUT [--markdown OUT] [--doc docs/benchmarks.md]  bench summary",
        "  gate    --budgets FILE --result FILE [--config NAME]  PASS/FAIL per budget line, exit 1 on a FAIL"));
  }
}
