package dev.vigil.agent.signals;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.exporter.model.MetricFamily;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RpcRegistryTest {
  @Test
  void oneSeriesPerMethodAndStatus() {
    RpcRegistry registry = new RpcRegistry(10);
    OperationSeries ok = registry.series("grpc", "demo.Greeter/Hello", 0, false);
    ok.record(1_000_000);
    assertThat(registry.series("grpc", "demo.Greeter/Hello", 0, false)).isSameAs(ok);
    assertThat(registry.series("grpc", "demo.Greeter/Hello", 5, false)).isNotSameAs(ok);
    assertThat(ok.count()).isEqualTo(1);
    assertThat(ok.operation).as("the status code's name").isEqualTo("OK");
    assertThat(ok.errorType).isNull();
    assertThat(RpcRegistry.statusName(16)).isEqualTo("UNAUTHENTICATED");
    assertThat(RpcRegistry.statusName(42)).as("a code gRPC does not define").isEqualTo("42");
  }

  @Test
  void pastTheCapNewMethodsFoldIntoOther() {
    RpcRegistry registry = new RpcRegistry(2);
    registry.series("grpc", "a.S/One", 0, false);
    registry.series("grpc", "a.S/Two", 0, false);
    OperationSeries third = registry.series("grpc", "a.S/Three", 0, false);
    OperationSeries fourth = registry.series("grpc", "a.S/Four", 0, false);
    assertThat(third.target).isEqualTo(RpcRegistry.OTHER);
    assertThat(fourth).isSameAs(third);
    assertThat(registry.folded()).isEqualTo(2);
    assertThat(registry.series("grpc", "a.S/One", 0, false).target).as("known series stay").isEqualTo("a.S/One");
  }

  @Test
  void labelsFollowTheRpcConventionsAndNoSeriesBeforeTheFirstCall() {
    RpcRegistry server = new RpcRegistry(10);
    RpcRegistry client = new RpcRegistry(10);
    RpcMetrics metrics = new RpcMetrics(server, client);
    assertThat(points(metrics)).as("an application without gRPC shows none").isZero();
    server.series("grpc", "demo.Greeter/Boom", 2, true).record(1_000);
    client.series("grpc", "demo.Greeter/Missing", 5, true).record(1_000);
    List<MetricFamily> out = new ArrayList<>();
    metrics.collect(out);
    MetricFamily served = out.stream().filter(f -> f.name.equals("rpc_server_call_duration_seconds")).findFirst()
        .orElseThrow();
    assertThat(served.points).singleElement().satisfies(p -> assertThat(p.labels.rendered())
        .contains("rpc_system_name=\"grpc\"", "rpc_method=\"demo.Greeter/Boom\"",
            "rpc_response_status_code=\"UNKNOWN\"", "error_type=\"UNKNOWN\""));
  }

  private static int points(RpcMetrics metrics) {
    List<MetricFamily> out = new ArrayList<>();
    metrics.collect(out);
    return out.stream().mapToInt(f -> f.points.size()).sum();
  }
}
