package io.chronoshadow.console.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The console's TLS identity from a PKCS12 keystore, loaded and checked once, at start, so that a
 * wrong path or password stops the console with one precise line instead of failing every handshake
 * later. The passwords open the keystore here and are then dropped: the server gets a ready {@link
 * SSLContext}, so neither Jetty nor any log or dump ever holds them.
 */
public final class TlsKeystore {

  private final Path path;
  private final List<String> keyAliases;
  private final SSLContext context;

  private TlsKeystore(Path path, List<String> keyAliases, SSLContext context) {
    this.path = path;
    this.keyAliases = List.copyOf(keyAliases);
    this.context = context;
  }

  /**
   * Opens the keystore, or says exactly what is wrong with it.
   *
   * @param keyPassword the private key's password; null: the keystore's (PKCS12 as keytool writes
   *     it has one password for both)
   * @throws IllegalArgumentException naming the file and the problem, never a password
   */
  public static TlsKeystore open(Path path, char[] storePassword, char[] keyPassword) {
    if (storePassword == null || storePassword.length == 0) {
      throw new IllegalArgumentException("the TLS keystore " + path + " needs its password");
    }
    if (!Files.isRegularFile(path)) {
      throw new IllegalArgumentException("the TLS keystore " + path + " does not exist");
    }
    if (!Files.isReadable(path)) {
      throw new IllegalArgumentException(
          "the TLS keystore " + path + " cannot be read by this process (check its permissions)");
    }
    KeyStore store = load(path, storePassword);
    char[] keyPass = keyPassword == null || keyPassword.length == 0 ? storePassword : keyPassword;
    List<String> aliases = keyAliases(path, store, keyPass);
    try {
      KeyManagerFactory keys =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(store, keyPass);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), null, null);
      return new TlsKeystore(path, aliases, context);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "the TLS keystore " + path + " cannot serve TLS: " + e.getMessage(), e);
    }
  }

  private static KeyStore load(Path path, char[] password) {
    try (InputStream in = Files.newInputStream(path)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, password);
      return store;
    } catch (IOException e) {
      // The JDK reports a wrong password as an IOException caused by UnrecoverableKeyException.
      if (e.getCause() instanceof UnrecoverableKeyException) {
        throw new IllegalArgumentException(
            "the TLS keystore password does not open " + path + " (wrong password)");
      }
      throw new IllegalArgumentException(
          "the TLS keystore "
              + path
              + " is not a readable PKCS12 keystore ("
              + e.getMessage()
              + ")");
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "the TLS keystore " + path + " cannot be loaded as PKCS12: " + e.getMessage(), e);
    }
  }

  /** The aliases of the private keys, each with a certificate, all opened with the key password. */
  private static List<String> keyAliases(Path path, KeyStore store, char[] keyPassword) {
    List<String> keys = new ArrayList<>();
    int certificates = 0;
    try {
      for (String alias : Collections.list(store.aliases())) {
        if (!store.isKeyEntry(alias)) {
          certificates++;
          continue;
        }
        try {
          if (store.getKey(alias, keyPassword) == null) {
            continue; // a secret key entry, not a private key
          }
        } catch (UnrecoverableKeyException e) {
          throw new IllegalArgumentException(
              "the TLS key password does not open the key '" + alias + "' in " + path);
        }
        Certificate[] chain = store.getCertificateChain(alias);
        if (chain == null || chain.length == 0 || !(chain[0] instanceof X509Certificate)) {
          throw new IllegalArgumentException(
              "the key '" + alias + "' in the TLS keystore " + path + " has no X.509 certificate");
        }
        keys.add(alias);
      }
    } catch (KeyStoreException | java.security.NoSuchAlgorithmException e) {
      throw new IllegalArgumentException(
          "the TLS keystore " + path + " cannot be read: " + e.getMessage(), e);
    }
    if (keys.isEmpty()) {
      throw new IllegalArgumentException(
          "the TLS keystore "
              + path
              + " holds no private key entry ("
              + certificates
              + " trusted certificate(s) only); the console needs its key and certificate, e.g."
              + " keytool -genkeypair -storetype PKCS12 -keystore FILE");
    }
    return keys;
  }

  public Path path() {
    return path;
  }

  public List<String> keyAliases() {
    return keyAliases;
  }

  SSLContext context() {
    return context;
  }

  @Override
  public String toString() {
    return "TlsKeystore[" + path + ", keys " + keyAliases + "]";
  }
}
