package dev.vigil.agent.recording;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClientUrlTest {
  @Test
  void hostPortAndFullUrlWithoutUserInfoOrQuery() {
    ClientUrl url = ClientUrl.parse("http://alice:pw@api.example.com:8080/orders/7?token=s3cret#frag");
    assertThat(url.host).isEqualTo("api.example.com");
    assertThat(url.port).isEqualTo(8080);
    assertThat(url.full(false)).isEqualTo("http://api.example.com:8080/orders/7");
    assertThat(url.full(true)).isEqualTo("http://api.example.com:8080/orders/7?token=s3cret");
  }

  @Test
  void defaultPortsOfTheScheme() {
    assertThat(ClientUrl.parse("https://example.com/x").port).isEqualTo(443);
    assertThat(ClientUrl.parse("HTTP://example.com").port).isEqualTo(80);
    assertThat(ClientUrl.parse("http://example.com").full(false)).isEqualTo("http://example.com");
    assertThat(ClientUrl.parse("ftp://example.com/x").port).isZero();
  }

  @Test
  void ipv6AndAtSignsOutsideTheAuthority() {
    ClientUrl v6 = ClientUrl.parse("http://[::1]:9000/p?q=1");
    assertThat(v6.host).isEqualTo("::1");
    assertThat(v6.port).isEqualTo(9000);
    assertThat(v6.full(false)).isEqualTo("http://[::1]:9000/p");
    ClientUrl at = ClientUrl.parse("http://example.com/users/a@b.c?x=@");
    assertThat(at.host).isEqualTo("example.com");
    assertThat(at.full(false)).isEqualTo("http://example.com/users/a@b.c");
    assertThat(ClientUrl.parse("http://u@h:1?x").full(false)).isEqualTo("http://h:1");
  }

  @Test
  void oddInputNeverThrows() {
    for (String s : new String[] {null, "", "://", "http://", "http://:99999/", "http://h:abc/", "no-scheme/path",
        "http://[::1/", "http://@/", "http://a:b@"}) {
      ClientUrl url = ClientUrl.parse(s);
      assertThat(url.full(false)).isNotNull();
      assertThat(url.port).isBetween(0, 65535);
    }
    assertThat(ClientUrl.parse("http://a:b@").full(false)).isEqualTo("http://");
  }
}
