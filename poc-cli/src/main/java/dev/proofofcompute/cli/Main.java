package dev.proofofcompute.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code poc} command. */
@Command(
    name = "poc",
    mixinStandardHelpOptions = true,
    version = "poc 0.1.0",
    description = "proof-of-compute: verifiable compute for untrusted providers.",
    subcommands = {CommandLine.HelpCommand.class})
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(new CommandLine(new Main()).execute(args));
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
