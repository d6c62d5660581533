package dev.vigil.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServletRoutesTest {
  @Test
  void exactAndExtensionMappingsAreTemplates() {
    assertThat(ServletRoutes.route("/app", "EXACT", "/reports/2024", "/reports/2024", null)).isEqualTo("/app/reports/2024");
    assertThat(ServletRoutes.route("/app", "EXTENSION", "*.do", "/orders/7/view.do", null)).isEqualTo("/app/*.do");
    assertThat(ServletRoutes.route("", "EXACT", "/hello", "/hello", null)).isEqualTo("/hello");
  }

  @Test
  void onlyExactAndExtensionMappingsSayTheirRouteIsATemplate() {
    assertThat(ServletRoutes.isTemplate("EXACT", "/hello")).isTrue();
    assertThat(ServletRoutes.isTemplate("EXTENSION", "*.do")).isTrue();
    assertThat(ServletRoutes.isTemplate("PATH", "/api/*")).isFalse();
    assertThat(ServletRoutes.isTemplate("DEFAULT", "/")).as("an unmapped path lands on the default servlet").isFalse();
    assertThat(ServletRoutes.isTemplate("EXACT", "")).isFalse();
    assertThat(ServletRoutes.isTemplate(null, null)).as("Servlet 3.1 says nothing").isFalse();
  }

  @Test
  void pathAndDefaultMappingsGiveTheNormalizedPath() {
    assertThat(ServletRoutes.route("/app", "PATH", "/api/*", "/api", "/orders/12")).isEqualTo("/app/api/orders/{id}");
    assertThat(ServletRoutes.route("/app", "DEFAULT", "/", "/missing/5", null)).isEqualTo("/app/missing/{id}");
    assertThat(ServletRoutes.route("", "CONTEXT_ROOT", "", "", "/")).isEqualTo("/");
  }

  @Test
  void withoutMappingInformationTheNormalizedPathIsUsed() {
    assertThat(ServletRoutes.route("/app", null, null, "/orders/7/view.do", null)).isEqualTo("/app/orders/{id}/view.do");
    assertThat(ServletRoutes.route("/app", null, null, "/api", "/items/3fa85f64-5717-4562-b3fc-2c963f66afa6"))
        .isEqualTo("/app/api/items/{id}");
    assertThat(ServletRoutes.route(null, null, null, null, null)).isEqualTo("/");
  }

  @Test
  void springPatternsGetTheContextPathAndAPathMappedServletPath() {
    assertThat(ServletRoutes.spring("", "/owners/7", null, "/owners/{ownerId}")).isEqualTo("/owners/{ownerId}");
    assertThat(ServletRoutes.spring("/shop", "/owners/7", null, "/owners/{ownerId}")).isEqualTo("/shop/owners/{ownerId}");
    assertThat(ServletRoutes.spring("/shop", "/api", "/owners/7", "/owners/{ownerId}"))
        .isEqualTo("/shop/api/owners/{ownerId}");
    assertThat(ServletRoutes.spring("", "/x", null, null)).isNull();
  }
}
