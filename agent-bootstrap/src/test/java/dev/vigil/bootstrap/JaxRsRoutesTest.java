package dev.vigil.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JaxRsRoutesTest {
  @Test
  void joinsTheBasePathAndTheTemplatesWithOneSlashEach() {
    assertThat(JaxRsRoutes.route("/app/api/", new String[] {"/owners", "/{id}"})).isEqualTo("/app/api/owners/{id}");
    assertThat(JaxRsRoutes.route("/", new String[] {"owners", "{id}/pets/"})).isEqualTo("/owners/{id}/pets");
    assertThat(JaxRsRoutes.route("/api", new String[] {"/", "/"})).isEqualTo("/api");
    assertThat(JaxRsRoutes.route("/", new String[0])).isEqualTo("/");
    assertThat(JaxRsRoutes.route(null, new String[] {null, "/health"})).isEqualTo("/health");
  }

  @Test
  void dropsTheRegularExpressionOfAParameter() {
    assertThat(JaxRsRoutes.route("/", new String[] {"/owners", "/{id: [0-9]+}"})).isEqualTo("/owners/{id}");
    assertThat(JaxRsRoutes.route("/", new String[] {"/files/{path: .*/x{2}}/meta"})).isEqualTo("/files/{path}/meta");
    assertThat(JaxRsRoutes.route("/", new String[] {"/{a}-{b:\\d+}"})).isEqualTo("/{a}-{b}");
    assertThat(JaxRsRoutes.route("/", new String[] {"/a}/b"})).isEqualTo("/a}/b");
  }

  @Test
  void staysWithinTheRouteLengthCap() {
    String longTemplate = "/x".repeat(500);
    assertThat(JaxRsRoutes.route("/", new String[] {longTemplate})).hasSize(Routes.MAX_LENGTH);
  }
}
