package nl.ketenhub.support;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away PKI for tests, shaped like PKIoverheid: a CA, server certificates for localhost, and organisation
 * certificates whose subject serialNumber is an OIN. Keys and certificates exist only for the test run.
 */
public final class TestPki {

    /** A key with its certificate chain. */
    public record Identity(PrivateKey key, X509Certificate[] chain) {

        public X509Certificate certificate() {
            return chain[0];
        }
    }

    public static final char[] PASSWORD = "test-store-password".toCharArray();
    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    private final Identity ca;

    private TestPki(Identity ca) {
        this.ca = ca;
    }

    /** A new CA. */
    public static TestPki newCa(String name) {
        try {
            KeyPair keys = keyPair();
            X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.C, "NL").addRDN(BCStyle.O, name)
                    .addRDN(BCStyle.CN, name).build();
            Instant now = Instant.now();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial(),
                    Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(30))), subject, keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            X509Certificate cert = sign(builder, keys.getPrivate());
            return new TestPki(new Identity(keys.getPrivate(), new X509Certificate[] {cert}));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public X509Certificate caCertificate() {
        return ca.certificate();
    }

    /** A server certificate for localhost (DNS name and 127.0.0.1). */
    public Identity server(String organisation) {
        return issue(new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.C, "NL").addRDN(BCStyle.O, organisation)
                .addRDN(BCStyle.CN, "localhost").build(), true, Instant.now().plus(Duration.ofDays(30)));
    }

    /** An organisation certificate carrying the OIN in its subject serialNumber, valid until the given moment. */
    public Identity organisation(String oin, String name, Instant notAfter) {
        return issue(new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.C, "NL").addRDN(BCStyle.O, name)
                .addRDN(BCStyle.SERIALNUMBER, oin).addRDN(BCStyle.CN, name).build(), false, notAfter);
    }

    public Identity organisation(String oin, String name) {
        return organisation(oin, name, Instant.now().plus(Duration.ofDays(30)));
    }

    private Identity issue(X500Name subject, boolean server, Instant notAfter) {
        try {
            KeyPair keys = keyPair();
            X500Name issuer = X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded());
            Instant notBefore = notAfter.isBefore(Instant.now()) ? notAfter.minus(Duration.ofDays(30))
                    : Instant.now().minus(Duration.ofDays(1));
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, serial(), Date.from(notBefore),
                    Date.from(notAfter), subject, keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
            if (server) {
                builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                    new GeneralName(GeneralName.dNSName, "localhost"), new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
            }
            X509Certificate cert = sign(builder, ca.key());
            return new Identity(keys.getPrivate(), new X509Certificate[] {cert, ca.certificate()});
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A PKCS12 key store holding one identity. */
    public static KeyStore keyStore(Identity identity) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("identity", identity.key(), PASSWORD, identity.chain());
            return store;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A PKCS12 trust store holding the given certificates. */
    public static KeyStore trustStore(X509Certificate... trusted) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            for (int i = 0; i < trusted.length; i++) {
                store.setCertificateEntry("trusted-" + i, trusted[i]);
            }
            return store;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static Path write(KeyStore store, Path file) {
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, PASSWORD);
            return file;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A TLS client or server context: this identity (or none), trusting the given certificates. */
    public static SSLContext context(Identity identity, X509Certificate... trusted) {
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(identity == null ? null : keyStore(identity), PASSWORD);
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trustStore(trusted));
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(identity == null ? null : new javax.net.ssl.KeyManager[] {
                new Presenting((javax.net.ssl.X509ExtendedKeyManager) keys.getKeyManagers()[0])}, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Presents its one identity whatever certificate authorities the server names, as a misconfigured or hostile
     * client would, so that the server's own verification is what refuses a certificate of an unknown CA.
     */
    private static final class Presenting extends javax.net.ssl.X509ExtendedKeyManager {

        private final javax.net.ssl.X509ExtendedKeyManager keys;

        Presenting(javax.net.ssl.X509ExtendedKeyManager keys) {
            this.keys = keys;
        }

        @Override
        public String chooseEngineClientAlias(String[] keyType, java.security.Principal[] issuers, javax.net.ssl.SSLEngine engine) {
            return "identity";
        }

        @Override
        public String chooseClientAlias(String[] keyType, java.security.Principal[] issuers, java.net.Socket socket) {
            return "identity";
        }

        @Override
        public String chooseServerAlias(String keyType, java.security.Principal[] issuers, java.net.Socket socket) {
            return "identity";
        }

        @Override
        public String chooseEngineServerAlias(String keyType, java.security.Principal[] issuers, javax.net.ssl.SSLEngine engine) {
            return "identity";
        }

        @Override
        public String[] getClientAliases(String keyType, java.security.Principal[] issuers) {
            return new String[] {"identity"};
        }

        @Override
        public String[] getServerAliases(String keyType, java.security.Principal[] issuers) {
            return new String[] {"identity"};
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return keys.getCertificateChain(alias);
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return keys.getPrivateKey(alias);
        }
    }

    private static KeyPair keyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        return generator.generateKeyPair();
    }

    private static BigInteger serial() {
        return BigInteger.valueOf(SERIAL.incrementAndGet());
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key) throws Exception {
        ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(key);
        return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    }
}
