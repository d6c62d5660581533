package dev.vigil.agent.profiler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Profiles hold system properties: owner-only files in owner-only directories, and no symbolic link followed. */
class ProfileFilesTest {
  @Test
  void aConfiguredDirectoryIsCreatedOwnerOnlyAndRecordingsAndOutputsAreOwnerOnly(@TempDir Path tmp) throws Exception {
    Path dir = tmp.resolve("profiles/nested");
    Profiler profiler = new Profiler(false, 10_000_000L, dir.toString(), 3); // JFR: runs in this JVM
    profiler.start("cpu", 0);
    Path jfr = Paths.get(profiler.stop());
    Path html = Paths.get(profiler.dump("html", null));
    Path again = Paths.get(profiler.dump("html", null)); // rendered twice: replaced, still owner-only
    assertThat(mode(dir)).isEqualTo("rwx------");
    assertThat(jfr.getParent()).isEqualTo(dir);
    assertThat(Files.size(jfr)).as("the engine wrote into the file made for it").isPositive();
    assertThat(mode(jfr)).isEqualTo("rw-------");
    assertThat(again).isEqualTo(html);
    assertThat(mode(html)).isEqualTo("rw-------");
  }

  @Test
  void aSymbolicLinkAtTheConfiguredDirectoryIsRefused(@TempDir Path tmp) throws Exception {
    Path elsewhere = Files.createDirectory(tmp.resolve("elsewhere"));
    Path link = Files.createSymbolicLink(tmp.resolve("profiles"), elsewhere);
    ProfileFiles files = new ProfileFiles(link.toString());
    assertThatThrownBy(() -> files.newRecording("cpu")).isInstanceOf(IllegalStateException.class)
        .hasMessage("profile refused: vigil.profiler.dir " + link + " is a symbolic link; name the directory itself");
    assertThat(elsewhere).isEmptyDirectory();
  }

  @Test
  void aDirectoryOpenToOthersIsRefusedAndLeftAsItIs(@TempDir Path tmp) throws Exception {
    Path open = Files.createDirectory(tmp.resolve("open"));
    Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxr-xr-x"));
    assertThatThrownBy(() -> new ProfileFiles(open.toString()).dir()).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("is open to other users (rwxr-xr-x)").hasMessageContaining("chmod 700");
    assertThat(mode(open)).isEqualTo("rwxr-xr-x");
    assertThat(open).isEmptyDirectory();
  }

  @Test
  void aSymbolicLinkAtAnOutputPathIsRefusedAndItsTargetUntouched(@TempDir Path tmp) throws Exception {
    Path target = Files.writeString(tmp.resolve("precious.txt"), "keep me");
    Path out = Files.createSymbolicLink(tmp.resolve("vigil-cpu.html"), target);
    assertThatThrownBy(() -> ProfileFiles.write(out, new byte[] {1})).isInstanceOf(IllegalStateException.class)
        .hasMessage("profile refused: " + out + " is a symbolic link");
    assertThat(Files.readString(target)).isEqualTo("keep me");
    assertThat(Files.isSymbolicLink(out)).isTrue();
  }

  @Test
  void theDefaultDirectoryIsFreshAndOwnerOnly() throws Exception {
    Path dir = new ProfileFiles("").dir();
    assertThat(dir.getFileName().toString()).startsWith("vigil-profiles-");
    assertThat(mode(dir)).isEqualTo("rwx------");
    Files.delete(dir);
  }

  private static String mode(Path p) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
  }
}
