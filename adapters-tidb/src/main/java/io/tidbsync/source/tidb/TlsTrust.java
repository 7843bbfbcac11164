package io.tidbsync.source.tidb;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;

/**
 * The CA certificates a server's certificate must chain to, as the trust store file
 * mysql-connector-j reads: PEM text (or base64 of it, as an upload may arrive) parsed with the
 * JDK, written to a private temporary PKCS#12 file deleted at exit.
 */
public final class TlsTrust {
  final Path file;
  final String password;

  private TlsTrust(Path file, String password) {
    this.file = file;
    this.password = password;
  }

  /**
   * The certificates in PEM text (or base64 of it).
   *
   * @throws IllegalArgumentException when the text holds no certificate, saying why
   */
  public static Collection<? extends Certificate> certificates(String pem) {
    String text = pem.contains("-----BEGIN") ? pem : decodeBase64(pem);
    if (!text.contains("-----BEGIN")) {
      throw new IllegalArgumentException("is neither PEM text nor base64 of it");
    }
    Collection<? extends Certificate> certificates;
    try {
      certificates = CertificateFactory.getInstance("X.509")
          .generateCertificates(new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("is not a PEM certificate: " + e.getMessage(), e);
    }
    if (certificates.isEmpty()) {
      throw new IllegalArgumentException("holds no certificate");
    }
    return certificates;
  }

  static TlsTrust of(String pem) {
    Collection<? extends Certificate> certificates = certificates(pem);
    byte[] secret = new byte[18];
    new SecureRandom().nextBytes(secret);
    String password = HexFormat.of().formatHex(secret);
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      int i = 0;
      for (Certificate certificate : certificates) {
        store.setCertificateEntry("ca" + i++, certificate);
      }
      Path file = Files.createTempFile("tidb-sync-ca", ".p12",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      file.toFile().deleteOnExit();
      try (OutputStream out = Files.newOutputStream(file)) {
        store.store(out, password.toCharArray());
      }
      return new TlsTrust(file, password);
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot write the CA trust store: " + e.getMessage(), e);
    }
  }

  private static String decodeBase64(String text) {
    if (!text.strip().matches("[A-Za-z0-9+/=\\s]+")) {
      throw new IllegalArgumentException("is neither PEM text nor base64 of it");
    }
    try {
      return new String(Base64.getMimeDecoder().decode(text.trim()), StandardCharsets.US_ASCII);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("is neither PEM text nor base64 of it");
    }
  }
}
