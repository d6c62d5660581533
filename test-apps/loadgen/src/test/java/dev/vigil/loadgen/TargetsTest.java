package dev.vigil.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TargetsTest {
  @Test
  void parsesNameUrlAndWeight() {
    Target t = Target.parse("products=http://127.0.0.1:8080/products/{id}*3", "GET");
    assertThat(t.name).isEqualTo("products");
    assertThat(t.host).isEqualTo("127.0.0.1");
    assertThat(t.port).isEqualTo(8080);
    assertThat(t.path).isEqualTo("/products/{id}");
    assertThat(t.weight).isEqualTo(3);
    assertThat(t.pathFor(0, 5)).isEqualTo("/products/1");
    assertThat(t.pathFor(7, 5)).isEqualTo("/products/3");
    Target bare = Target.parse("http://localhost:9/cpu", "GET");
    assertThat(bare.name).isEqualTo("/cpu");
    assertThat(bare.weight).isEqualTo(1);
    assertThatThrownBy(() -> Target.parse("https://x/", "GET")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void weightsAreInterleavedNotBunched() {
    Targets targets = new Targets(List.of(Target.parse("a=http://h:1/a*3", "GET"), Target.parse("b=http://h:1/b", "GET")));
    StringBuilder order = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      order.append(targets.all().get(targets.pick(i)).name);
    }
    assertThat(order.toString()).isEqualTo("aabaaaba");
  }
}
