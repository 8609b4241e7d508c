package io.chronoshadow.console.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Everything the process logs and prints while it runs: every event reaching the root logger (the
 * libraries' from INFO, ours from TRACE — more than an operator's {@code chrono.log.level} can turn
 * on) and all bytes written to {@code System.out} and {@code System.err}, which still reach the
 * real streams too. {@link #stop()} puts levels and streams back.
 */
final class CapturedOutput {

  private final Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
  private final Logger ours = (Logger) LoggerFactory.getLogger("io.chronoshadow");
  private final Level rootLevel = root.getLevel();
  private final Level ourLevel = ours.getLevel();
  private final PrintStream out = System.out;
  private final PrintStream err = System.err;
  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  private final ListAppender<ILoggingEvent> events = new ListAppender<>();

  private CapturedOutput() {}

  static CapturedOutput start() {
    CapturedOutput c = new CapturedOutput();
    c.events.start();
    c.root.addAppender(c.events);
    c.root.setLevel(Level.INFO);
    c.ours.setLevel(Level.TRACE);
    System.setOut(new PrintStream(c.tee(c.out), true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(c.tee(c.err), true, StandardCharsets.UTF_8));
    return c;
  }

  void stop() {
    System.setOut(out);
    System.setErr(err);
    root.setLevel(rootLevel);
    ours.setLevel(ourLevel);
    root.detachAppender(events);
    events.stop();
  }

  /** Each captured event as text: message, arguments, exception with causes, MDC. */
  List<String> logLines() {
    synchronized (events) {
      List<String> lines = new ArrayList<>();
      for (ILoggingEvent e : events.list) {
        lines.add(text(e));
      }
      return lines;
    }
  }

  /** What was written to stdout and stderr. */
  String output() {
    synchronized (printed) {
      return printed.toString(StandardCharsets.UTF_8);
    }
  }

  static String text(ILoggingEvent e) {
    StringBuilder text = new StringBuilder(e.getLoggerName()).append(' ');
    text.append(e.getFormattedMessage());
    if (e.getArgumentArray() != null) {
      for (Object argument : e.getArgumentArray()) {
        text.append(' ').append(argument);
      }
    }
    if (e.getThrowableProxy() != null) {
      text.append('\n').append(ThrowableProxyUtil.asString(e.getThrowableProxy()));
    }
    text.append(' ').append(e.getMDCPropertyMap());
    return text.toString();
  }

  private OutputStream tee(PrintStream original) {
    return new OutputStream() {
      @Override
      public void write(int b) {
        original.write(b);
        synchronized (printed) {
          printed.write(b);
        }
      }

      @Override
      public void write(byte[] b, int off, int len) {
        original.write(b, off, len);
        synchronized (printed) {
          printed.write(b, off, len);
        }
      }
    };
  }
}
