package io.chronoshadow.console.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Keystores made by the JDK's own {@code keytool}, as an operator would make them: a self-signed
 * key for 127.0.0.1 and localhost, and a keystore holding only a certificate (no key).
 */
public final class SelfSignedKeystore {

  private static final Duration KEYTOOL_DEADLINE = Duration.ofSeconds(60);

  private SelfSignedKeystore() {}

  /** A PKCS12 file with one self-signed key pair, valid for 127.0.0.1 and localhost. */
  public static Path create(Path file, String password) throws Exception {
    keytool(
        "-genkeypair",
        "-alias",
        "console",
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-dname",
        "CN=localhost",
        "-ext",
        "SAN=ip:127.0.0.1,dns:localhost",
        "-validity",
        "2",
        "-storetype",
        "PKCS12",
        "-keystore",
        file.toString(),
        "-storepass",
        password,
        "-keypass",
        password);
    return file;
  }

  /** A PKCS12 file holding {@code from}'s certificate as a trusted entry, and no key. */
  public static Path certificateOnly(Path from, String password, Path file) throws Exception {
    Path cert = file.resolveSibling(file.getFileName() + ".crt");
    keytool(
        "-exportcert",
        "-alias",
        "console",
        "-rfc",
        "-keystore",
        from.toString(),
        "-storepass",
        password,
        "-file",
        cert.toString());
    keytool(
        "-importcert",
        "-noprompt",
        "-alias",
        "trusted",
        "-file",
        cert.toString(),
        "-storetype",
        "PKCS12",
        "-keystore",
        file.toString(),
        "-storepass",
        password);
    return file;
  }

  /** A client context that trusts exactly the certificate of {@code keystore}'s key. */
  public static SSLContext trusting(Path keystore, String password) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      store.load(in, password.toCharArray());
    }
    KeyStore trusted = KeyStore.getInstance("PKCS12");
    trusted.load(null, null);
    trusted.setCertificateEntry("console", store.getCertificate("console"));
    TrustManagerFactory trust =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(trusted);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);
    return context;
  }

  private static void keytool(String... args) throws Exception {
    Path bin = Path.of(System.getProperty("java.home"), "bin", "keytool");
    List<String> command = new ArrayList<>();
    command.add(Files.isExecutable(bin) ? bin.toString() : "keytool");
    command.addAll(List.of(args));
    Path output = Files.createTempFile("keytool", ".log");
    try {
      Process p =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(output.toFile())
              .start();
      if (!p.waitFor(KEYTOOL_DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException("keytool did not finish within " + KEYTOOL_DEADLINE);
      }
      if (p.exitValue() != 0) {
        throw new IOException(
            "keytool " + args[0] + " failed (" + p.exitValue() + "): " + Files.readString(output));
      }
    } finally {
      Files.deleteIfExists(output);
    }
  }
}
