package nl.ketenhub.config;

import java.security.KeyStore;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.apache.camel.support.jsse.KeyManagersParameters;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.stereotype.Component;

/**
 * The hub's side of two-way TLS on outbound deliveries: the SSL bundle {@code ketenhub.tls.client-bundle} (default
 * {@code ketenhub-client}, configured under {@code spring.ssl.bundle.*}) holds the hub's own PKIoverheid client
 * certificate, presented to every partner on REST and SOAP deliveries, and the trust store against which partners'
 * server certificates are verified. Without that bundle, deliveries present no certificate and trust the JVM's
 * default trust store.
 */
@Component
public class OutboundTls implements CamelContextConfiguration {

    private static final Logger log = LoggerFactory.getLogger(OutboundTls.class);

    private final SslBundle bundle;

    public OutboundTls(SslBundles bundles, KetenhubProperties properties) {
        String name = properties.tls().clientBundle();
        SslBundle found = null;
        try {
            found = bundles.getBundle(name);
        } catch (NoSuchSslBundleException notConfigured) {
            log.info("no SSL bundle '{}': deliveries present no client certificate and trust the JVM's default trust store", name);
        }
        this.bundle = found;
    }

    public Optional<SslBundle> bundle() {
        return Optional.ofNullable(bundle);
    }

    /** REST deliveries (Camel's https component) present the hub's certificate and trust the bundle's trust store. */
    @Override
    public void beforeApplicationStart(CamelContext camelContext) {
        if (bundle == null) {
            return;
        }
        SSLContextParameters parameters = new SSLContextParameters();
        KeyStore keyStore = bundle.getStores().getKeyStore();
        if (keyStore != null) {
            KeyStoreParameters keys = new KeyStoreParameters();
            keys.setKeyStore(keyStore);
            KeyManagersParameters keyManagers = new KeyManagersParameters();
            keyManagers.setKeyStore(keys);
            String password = bundle.getKey().getPassword() != null ? bundle.getKey().getPassword()
                    : bundle.getStores().getKeyStorePassword();
            keyManagers.setKeyPassword(password);
            parameters.setKeyManagers(keyManagers);
        }
        KeyStore trustStore = bundle.getStores().getTrustStore();
        if (trustStore != null) {
            KeyStoreParameters trusted = new KeyStoreParameters();
            trusted.setKeyStore(trustStore);
            TrustManagersParameters trustManagers = new TrustManagersParameters();
            trustManagers.setKeyStore(trusted);
            parameters.setTrustManagers(trustManagers);
        }
        camelContext.getComponent("https", HttpComponent.class).setSslContextParameters(parameters);
        log.info("REST and SOAP deliveries use the hub's client certificate and trust store from the SSL bundle");
    }

    @Override
    public void afterApplicationStart(CamelContext camelContext) {
        // nothing
    }
}
