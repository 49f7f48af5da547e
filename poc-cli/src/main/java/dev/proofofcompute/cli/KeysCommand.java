package dev.proofofcompute.cli;

import dev.proofofcompute.crypto.DecodingException;
import dev.proofofcompute.crypto.identity.KeyFiles;
import dev.proofofcompute.crypto.identity.NodeIdentity;
import dev.proofofcompute.crypto.identity.NodePublicKey;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code poc keys}: a node's Ed25519 identity as files. The private key is written owner-only
 * (rw-------) and refused on load when group or others can read it; nothing secret is printed.
 */
@Command(
    name = "keys",
    mixinStandardHelpOptions = true,
    description = "Create and inspect node key files (Ed25519, PEM).",
    subcommands = {KeysCommand.New.class, KeysCommand.Show.class})
final class KeysCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code poc keys new}: a fresh identity. */
  @Command(
      name = "new",
      mixinStandardHelpOptions = true,
      description = {
        "Generate a new node identity: FILE (private key, mode 600) and FILE.pub (public key).",
        "Prints the node id (SHA-256 of the raw public key). Never overwrites a file."
      })
  static final class New implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = {"--out", "-o"},
        required = true,
        paramLabel = "FILE",
        description = "Where to write the private key; the public key goes to FILE.pub.")
    Path out;

    @Override
    public Integer call() throws IOException {
      Path pub = out.resolveSibling(out.getFileName() + ".pub");
      for (Path p : new Path[] {out, pub}) {
        if (Files.exists(p)) {
          throw new IllegalArgumentException(p + " exists; refusing to overwrite a key file");
        }
      }
      Path parent = out.toAbsolutePath().getParent();
      if (parent != null && !Files.isDirectory(parent)) {
        throw new IllegalArgumentException("no such directory: " + parent);
      }
      NodeIdentity identity = NodeIdentity.generate(new SecureRandom());
      try {
        KeyFiles.savePrivateKey(out, identity);
        KeyFiles.savePublicKey(pub, identity.publicKey());
      } catch (FileAlreadyExistsException e) {
        throw new IllegalArgumentException(e.getFile() + " appeared meanwhile; not overwritten", e);
      }
      PrintWriter w = spec.commandLine().getOut();
      w.println("node id:     " + identity.nodeId().toHex());
      w.println("private key: " + out + " (owner-only)");
      w.println("public key:  " + pub);
      return 0;
    }
  }

  /** {@code poc keys show}: the node id and public key of a key file. */
  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = {
        "Print the node id and public key of a private key file (checked to be owner-only) or",
        "of a public key file (.pub). Never prints the private key."
      })
  static final class Show implements Callable<Integer> {
    @Spec CommandSpec spec;

    @picocli.CommandLine.Parameters(index = "0", paramLabel = "FILE")
    Path file;

    @Override
    public Integer call() throws IOException {
      NodePublicKey key;
      try {
        String text = Files.readString(file);
        key =
            text.contains("PRIVATE KEY")
                ? KeyFiles.loadPrivateKey(file).publicKey()
                : KeyFiles.loadPublicKey(file);
      } catch (NoSuchFileException e) {
        throw new IllegalArgumentException("no such file: " + file, e);
      } catch (DecodingException e) {
        throw new IllegalArgumentException("not a key file: " + file + ": " + e.getMessage(), e);
      }
      PrintWriter w = spec.commandLine().getOut();
      w.println("node id:    " + key.nodeId().toHex());
      w.print(KeyFiles.publicKeyPem(key));
      return 0;
    }
  }
}
