package dev.proofofcompute.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.proofofcompute.cli.TourCommandTest.Run;
import dev.proofofcompute.crypto.identity.KeyFiles;
import dev.proofofcompute.crypto.identity.NodeIdentity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeysCommandTest {
  @TempDir Path dir;

  @Test
  void newWritesAnOwnerOnlyKeyPairAndPrintsItsId() throws Exception {
    Path key = dir.resolve("node.key");
    Run r = TourCommandTest.run("keys", "new", "--out", key.toString());

    assertThat(r.exit()).as(r.err()).isZero();
    NodeIdentity identity = KeyFiles.loadPrivateKey(key);
    assertThat(r.out()).contains("node id:     " + identity.nodeId().toHex());
    assertThat(KeyFiles.loadPublicKey(dir.resolve("node.key.pub"))).isEqualTo(identity.publicKey());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
        .isEqualTo("rw-------");
    assertThat(r.out()).doesNotContain("PRIVATE");
  }

  @Test
  void newNeverOverwritesAKeyFile() throws Exception {
    Path key = dir.resolve("node.key");
    Files.writeString(key, "precious");
    Run r = TourCommandTest.run("keys", "new", "--out", key.toString());

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("refusing to overwrite");
    assertThat(Files.readString(key)).isEqualTo("precious");
    assertThat(dir.resolve("node.key.pub")).doesNotExist();
  }

  @Test
  void showPrintsTheSameIdForThePrivateAndPublicFile() {
    Path key = dir.resolve("k");
    Run created = TourCommandTest.run("keys", "new", "-o", key.toString());
    Run fromPrivate = TourCommandTest.run("keys", "show", key.toString());
    Run fromPublic = TourCommandTest.run("keys", "show", key + ".pub");

    String idLine = created.out().lines().findFirst().orElseThrow().replace("node id:     ", "");
    assertThat(fromPrivate.out()).contains(idLine).doesNotContain("PRIVATE");
    assertThat(fromPublic.out()).isEqualTo(fromPrivate.out());
  }

  @Test
  void showRefusesAKeyThatOthersCanRead() throws Exception {
    Path key = dir.resolve("k");
    TourCommandTest.run("keys", "new", "-o", key.toString());
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));

    Run r = TourCommandTest.run("keys", "show", key.toString());
    assertThat(r.exit()).isNotZero();
    assertThat(r.err()).contains("chmod 600").doesNotContain("Exception");
  }

  @Test
  void showRejectsAFileThatIsNotAKey() throws Exception {
    Path junk = dir.resolve("junk");
    Files.writeString(junk, "hello");
    Run r = TourCommandTest.run("keys", "show", junk.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("not a key file");
  }
}
