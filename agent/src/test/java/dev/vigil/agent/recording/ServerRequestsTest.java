package dev.vigil.agent.recording;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.agent.tracing.TestTracing;
import dev.vigil.agent.tracing.Tracing;
import dev.vigil.agent.tracing.VigilSpan;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** server.address and server.port from a Host header, as the JDK server's requests give them. */
class ServerRequestsTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"example.com|80|example.com=80", "example.com:8080|80|example.com=8080",
      "127.0.0.1:43567|80|127.0.0.1=43567", "[::1]:8443|443|::1=8443", "[::1]|443|::1=443", "::1|80|::1=80",
      "example.com:|80|example.com=", "example.com:99999|80|example.com=", "example.com:8o|80|example.com="})
  void hostHeader(String host, int defaultPort, String expected) throws Exception {
    try (TestTracing tracing = TestTracing.install()) {
      VigilSpan span = Tracing.start(Context.root(), SpanKind.SERVER, ServerSpans.SHAPE, "GET", null);
      ServerRequests.hostAndPort(host, defaultPort, span);
      span.end();
      Span s = tracing.await(1).get(0);
      assertThat(value(s.getAttributesList(), "server.address") + "=" + value(s.getAttributesList(), "server.port"))
          .isEqualTo(expected);
    }
  }

  private static String value(List<KeyValue> attributes, String key) {
    return attributes.stream().filter(kv -> kv.getKey().equals(key))
        .map(kv -> kv.getValue().hasIntValue() ? Long.toString(kv.getValue().getIntValue())
            : kv.getValue().getStringValue())
        .collect(Collectors.joining());
  }
}
