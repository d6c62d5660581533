package dev.vigil.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class RoutesTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "/orders/123, /orders/{id}",
      "/orders/123/items/9, /orders/{id}/items/{id}",
      "/orders/123/, /orders/{id}/",
      "/42, /{id}",
      "/carts/3fa85f64-5717-4562-b3fc-2c963f66afa6/items, /carts/{id}/items",
      "/carts/3FA85F64-5717-4562-B3FC-2C963F66AFA6, /carts/{id}",
      "/commits/9f86d081884c7d65, /commits/{id}",
      "/blobs/9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08, /blobs/{id}",
      "/orders/123?page=2, /orders/{id}",
      "/search?q=123, /search",
      "/cart;jsessionid=0A1B2C3D4E5F/items, /cart/items",
      "/cart;jsessionid=0A1B2C3D4E5F, /cart",
      "/a;x=1/42;y=2, /a/{id}",
  })
  void idsBecomeTemplates(String path, String route) {
    assertThat(Routes.normalize(path)).isEqualTo(route);
  }

  @ParameterizedTest(name = "{0} stays")
  @CsvSource({
      "/orders",
      "/v1/users",
      "/api/v2/health",
      // short hex is more often a word than an id; long hex without a digit is a word too
      "/feed/cafe",
      "/x/abc123",
      "/a/deadbeefdeadbeef",
      // a UUID needs its four dashes at 36 characters
      "/tags/3fa85f64-5717",
      "/-",
  })
  void wordsStayAndTheSameInstanceComesBack(String path) {
    assertThat(Routes.normalize(path)).isSameAs(path);
  }

  @Test
  void emptyOrNullIsRoot() {
    assertThat(Routes.normalize(null)).isEqualTo("/");
    assertThat(Routes.normalize("")).isEqualTo("/");
    assertThat(Routes.normalize("?q=1")).isEqualTo("/");
    assertThat(Routes.normalize(";jsessionid=1")).isEqualTo("/");
    assertThat(Routes.normalize("/")).isEqualTo("/");
  }

  @Test
  void longPathsAreCut() {
    String words = "/" + "segment/".repeat(100);
    assertThat(Routes.normalize(words)).hasSize(Routes.MAX_LENGTH).isEqualTo(words.substring(0, Routes.MAX_LENGTH));

    String withIds = "/items/1".repeat(100);
    String normalized = Routes.normalize(withIds);
    assertThat(normalized).hasSizeLessThanOrEqualTo(Routes.MAX_LENGTH).startsWith("/items/{id}/items/{id}")
        .doesNotContain("1");

    String oneHugeNumber = "/n/" + "7".repeat(10_000);
    assertThat(Routes.normalize(oneHugeNumber)).isEqualTo("/n/{id}");
  }

  @ParameterizedTest(name = "join({0}, {1}) -> {2}")
  @CsvSource(value = {
      "/shop | /orders/7 | /shop/orders/{id}",
      "/shop | / | /shop",
      "/shop | '' | /shop",
      "/tenant/42 | /orders | /tenant/{id}/orders",
      "/ | /orders/7 | /orders/{id}",
      "'' | /orders/7 | /orders/{id}",
      "NULL | /orders/7 | /orders/{id}",
      "/shop | /orders?id=7 | /shop/orders",
  }, delimiter = '|', nullValues = "NULL")
  void contextPathsJoin(String context, String path, String route) {
    assertThat(Routes.join(context, path)).isEqualTo(route);
  }
}
