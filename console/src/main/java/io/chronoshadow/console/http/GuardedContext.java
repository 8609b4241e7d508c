package io.chronoshadow.console.http;

import io.javalin.http.Context;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.IOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * The request's {@link Context} as a worker thread sees it: every call goes through to the real one
 * until the request thread abandons the worker (its deadline passed and it answered 503 itself);
 * from then on every call throws {@link Abandoned}, so a late worker can neither write into a
 * response that is no longer its own nor keep going past its next touch of the request.
 */
final class GuardedContext implements InvocationHandler {

  /** Thrown into a worker whose request was already answered. */
  static final class Abandoned extends RuntimeException {
    Abandoned() {
      super("the request's deadline passed; its answer was already sent", null, false, false);
    }
  }

  private final Context real;
  private boolean abandoned;

  private GuardedContext(Context real) {
    this.real = real;
  }

  static GuardedContext of(Context real) {
    return new GuardedContext(real);
  }

  Context proxy() {
    return (Context)
        Proxy.newProxyInstance(
            Context.class.getClassLoader(), new Class<?>[] {Context.class}, this);
  }

  /**
   * Takes the request back from the worker, unless the worker already started the answer (a
   * stream): then the answer is the worker's to finish, and this returns false.
   */
  synchronized boolean abandonUnlessCommitted() {
    if (real.res().isCommitted()) {
      return false;
    }
    abandoned = true;
    return true;
  }

  @Override
  public synchronized Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    if (abandoned) {
      throw new Abandoned();
    }
    Object result;
    try {
      result = method.invoke(real, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
    if (result == real) {
      return proxy; // fluent calls (ctx.status(…).result(…)) stay behind the guard
    }
    if (result instanceof ServletOutputStream out) {
      return new GuardedStream(out);
    }
    return result;
  }

  /** The response body stream, behind the same guard. */
  private final class GuardedStream extends ServletOutputStream {
    private final ServletOutputStream out;

    GuardedStream(ServletOutputStream out) {
      this.out = out;
    }

    @Override
    public boolean isReady() {
      return out.isReady();
    }

    @Override
    public void setWriteListener(WriteListener listener) {
      out.setWriteListener(listener);
    }

    @Override
    public void write(int b) throws IOException {
      synchronized (GuardedContext.this) {
        check();
        out.write(b);
      }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      synchronized (GuardedContext.this) {
        check();
        out.write(b, off, len);
      }
    }

    @Override
    public void flush() throws IOException {
      synchronized (GuardedContext.this) {
        check();
        out.flush();
      }
    }

    @Override
    public void close() throws IOException {
      synchronized (GuardedContext.this) {
        check();
        out.close();
      }
    }

    private void check() {
      if (abandoned) {
        throw new Abandoned();
      }
    }
  }
}
