package dev.vigil.agent.profiler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.exporter.http.HttpEndpoint;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfilerInputsTest {
  @Test
  void eventsAndFormatsAreCheckedWithTheChoicesNamed() {
    assertThat(ProfileEvent.parse("CPU")).isEqualTo(ProfileEvent.CPU);
    assertThat(ProfileEvent.parse("")).isEqualTo(ProfileEvent.CPU);
    assertThat(ProfileEvent.parse("lock")).isEqualTo(ProfileEvent.LOCK);
    assertThatThrownBy(() -> ProfileEvent.parse("gpu")).hasMessage("unknown event gpu; use cpu, itimer, ctimer, wall, alloc or lock");
    assertThat(Outputs.format("HTML")).isEqualTo("html");
    assertThat(Outputs.format(null)).isEqualTo("html");
    assertThatThrownBy(() -> Outputs.format("svg")).hasMessage("unknown format svg; use collapsed, html or jfr");
  }

  @Test
  void nativeLibraryGoesIntoAFreshOwnerOnlyDirectory(@TempDir Path parent) throws Exception {
    if (NativeLibrary.entryForThisPlatform() == null) {
      return; // no async-profiler build for this platform: the profiler uses JFR
    }
    Path a = NativeLibrary.extract(parent);
    Path b = NativeLibrary.extract(parent);
    assertThat(a.getParent()).isNotEqualTo(b.getParent());
    assertThat(Files.size(a)).isGreaterThan(100_000);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(a.getParent(), LinkOption.NOFOLLOW_LINKS)))
        .isEqualTo("rwx------");
    NativeLibrary.delete(a);
    NativeLibrary.delete(b);
    assertThat(parent).isEmptyDirectory();
  }

  @Test
  void profileEndpointDecodesItsQuery() throws Exception {
    assertThat(ProfileEndpoint.parse("route=%2Fowners%2F%7Bid%7D&format=collapsed"))
        .containsEntry("route", "/owners/{id}").containsEntry("format", "collapsed");
    assertThat(ProfileEndpoint.parse("")).isEmpty();
  }

  @Test
  void aBrokenEscapeInTheQueryIs400WithAPlainMessage(@TempDir Path dir) throws Exception {
    ProfileEndpoint endpoint = new ProfileEndpoint(new Profiler(false, 10_000_000L, dir.toString(), 3));
    for (String query : new String[] {"route=%zz", "route=%", "route=%2", "%zz=1"}) {
      HttpEndpoint.Response r = endpoint.handle(Map.of(), query);
      assertThat(r.status).as(query).isEqualTo(400);
      assertThat(new String(r.body, StandardCharsets.UTF_8)).as(query).startsWith("bad query: percent-encode it")
          .doesNotContain("Exception");
    }
  }

  @Test
  void dumpBeforeAnyRecordingSaysWhatToDo(@TempDir Path dir) {
    Profiler p = new Profiler(false, 10_000_000L, dir.toString(), 3);
    assertThatThrownBy(() -> p.dump("html", null)).hasMessageContaining("nothing recorded yet");
    assertThatThrownBy(p::stop).hasMessage("not profiling");
    assertThatThrownBy(() -> p.start("cpu", -1)).hasMessageContaining("seconds must be 0");
    assertThat(p.running()).isFalse();
  }
}
