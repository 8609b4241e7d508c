package io.chronoshadow.console;

import io.chronoshadow.console.app.ConsoleCommand;
import io.chronoshadow.console.demo.DemoCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The entry point behind {@code ./chrono}: one subcommand per thing an operator runs. */
@Command(
    name = "chrono",
    mixinStandardHelpOptions = true,
    version = "Chrono-Shadow 0.1.0-SNAPSHOT",
    description = {
      "Chrono-Shadow keeps transactionally consistent historical shadows of a database and"
          + " forecasts its future.",
      ""
    },
    subcommands = {DemoCommand.class, ConsoleCommand.class, CommandLine.HelpCommand.class})
public final class ChronoCli implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line; tests drive it without exiting the JVM. */
  public static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new ChronoCli());
    commandLine.setExecutionExceptionHandler(new OneLineErrors());
    return commandLine;
  }

  @Override
  public void run() {
    // No subcommand: show what there is to run rather than guessing.
    spec.commandLine().usage(System.out);
  }
}
