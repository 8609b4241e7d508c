package io.chronoshadow.console;

import io.chronoshadow.devstack.DevStackException;
import io.chronoshadow.devstack.workload.WorkloadException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Start-up problems are the operator's to fix, so they get one line each naming what to do, not a
 * stack trace; anything unexpected still gets its trace, since that is a bug to report.
 */
final class OneLineErrors implements IExecutionExceptionHandler {

  static final int STARTUP_PROBLEM = 2;

  @Override
  public int handleExecutionException(
      Exception exception, CommandLine commandLine, ParseResult parseResult) {
    if (exception instanceof DevStackException devStack) {
      devStack.problems().forEach(problem -> commandLine.getErr().println("chrono: " + problem));
      return STARTUP_PROBLEM;
    }
    if (exception instanceof WorkloadException || exception instanceof IllegalArgumentException) {
      commandLine.getErr().println("chrono: " + exception.getMessage());
      return STARTUP_PROBLEM;
    }
    commandLine.getErr().println("chrono: unexpected failure (a bug — please report it):");
    exception.printStackTrace(commandLine.getErr());
    return 1;
  }
}
