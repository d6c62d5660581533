package dev.vigil.agent.signals;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class HttpClientRegistryTest {
  @Test
  void oneSeriesPerLabelSetAndMethodsNormalized() {
    HttpClientRegistry r = new HttpClientRegistry(10, 100);
    r.series("GET", "a", 80, 200, null).record(1_000_000);
    r.series("GET", "a", 80, 200, null).record(2_000_000);
    r.series("BREW", "a", 80, 200, null).record(1);
    r.series("GET", "a", 80, 0, "java.net.ConnectException").record(1);
    assertThat(r.all()).hasSize(3);
    assertThat(r.series("GET", "a", 80, 200, null).count()).isEqualTo(2);
    assertThat(r.series("BREW", "a", 80, 200, null).method).isEqualTo("_OTHER");
    assertThat(r.folded()).isZero();
  }

  @Test
  void addressesPastTheCapBecomeOtherWithoutPort() {
    HttpClientRegistry r = new HttpClientRegistry(2, 100);
    r.series("GET", "a", 80, 200, null).record(1);
    r.series("GET", "b", 80, 200, null).record(1);
    HttpClientSeries c = r.series("GET", "c", 8080, 200, null);
    HttpClientSeries d = r.series("GET", "d", 9090, 200, null);
    assertThat(c).isSameAs(d);
    assertThat(c.address).isEqualTo("_other");
    assertThat(c.port).isZero();
    assertThat(r.series("GET", "a", 443, 500, null).address).as("a known address keeps new ports and statuses")
        .isEqualTo("a");
    assertThat(r.folded()).isEqualTo(2);
  }

  @Test
  void seriesPastTheCapFoldIntoOneOtherSeriesPerMethod() {
    HttpClientRegistry r = new HttpClientRegistry(1_000, 5);
    for (int i = 0; i < 50; i++) {
      r.series("GET", "host" + i, 80, 200, null).record(1);
      r.series("POST", "host" + i, 80, 200, null).record(1);
    }
    assertThat(r.all().size()).isLessThanOrEqualTo(7);
    assertThat(r.all().stream().filter(s -> s.address.equals("_other")).map(s -> s.method).collect(Collectors.toSet()))
        .containsExactlyInAnyOrder("GET", "POST");
    assertThat(r.all().stream().mapToLong(HttpClientSeries::count).sum()).as("no request lost").isEqualTo(100);
    assertThat(r.folded()).isEqualTo(95);
  }
}
