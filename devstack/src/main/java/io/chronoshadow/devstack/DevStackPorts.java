package io.chronoshadow.devstack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Loopback port helpers: every dev-stack component listens on 127.0.0.1 only. */
public final class DevStackPorts {

  public static final String HOST = "127.0.0.1";

  private DevStackPorts() {}

  /** The given port, or a free one when it is 0. */
  public static int resolve(int port) {
    return port == 0 ? freePort() : port;
  }

  /** A port that was free on 127.0.0.1 a moment ago. */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(false);
      socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), 0));
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new DevStackException("cannot find a free port on " + HOST + ": " + e.getMessage(), e);
    }
  }

  /** True when nothing listens on 127.0.0.1:port (and we may bind it). */
  public static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
