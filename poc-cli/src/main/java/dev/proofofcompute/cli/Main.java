package dev.proofofcompute.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code poc} command. */
@Command(
    name = "poc",
    mixinStandardHelpOptions = true,
    version = "poc 0.1.0",
    description = "proof-of-compute: verifiable compute for untrusted providers.",
    subcommands = {
      DemoCommand.class,
      ArenaCommand.class,
      TourCommand.class,
      AttestCommand.class,
      ProveCommand.class,
      VerifyCommand.class,
      KeysCommand.class,
      AuditCommand.class,
      CoordinatorCommand.class,
      WorkerCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {
  /** Exit code for a usage error or bad input. */
  static final int EXIT_USAGE = 2;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /**
   * The configured command line: usage errors and failures print one line on stderr and exit
   * non-zero, never a stack trace (set {@code POC_DEBUG=1} to see one).
   */
  static CommandLine commandLine() {
    CommandLine cmd = new CommandLine(new Main());
    cmd.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
      commandLine.getErr().println("poc " + commandLine.getCommandName() + ": " + message(ex));
      if (System.getenv("POC_DEBUG") != null) {
        ex.printStackTrace(commandLine.getErr());
      }
      commandLine.getErr().flush();
      return ex instanceof IllegalArgumentException ? EXIT_USAGE : 1;
    });
    return cmd;
  }

  private static String message(Throwable ex) {
    String m = ex.getMessage();
    return m == null || m.isBlank() ? ex.getClass().getSimpleName() : m;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
