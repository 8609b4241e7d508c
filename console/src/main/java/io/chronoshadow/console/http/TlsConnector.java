package io.chronoshadow.console.http;

import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/** The console's HTTPS connector: HTTP/1.1 inside TLS, and nothing else, on one port. */
final class TlsConnector {

  private TlsConnector() {}

  static ServerConnector create(
      Server server, HttpConfiguration plain, TlsKeystore tls, String host, int port) {
    SslContextFactory.Server ssl = new SslContextFactory.Server();
    // A ready context: Jetty never sees the keystore's passwords.
    ssl.setSslContext(tls.context());
    HttpConfiguration https = new HttpConfiguration(plain);
    https.setSecureScheme("https");
    https.addCustomizer(new SecureRequestCustomizer());
    ServerConnector connector =
        new ServerConnector(
            server,
            new SslConnectionFactory(ssl, HttpVersion.HTTP_1_1.asString()),
            new HttpConnectionFactory(https));
    connector.setHost(host);
    connector.setPort(port);
    return connector;
  }
}
