package nl.ketenhub.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.cert.X509Certificate;
import javax.security.auth.x500.X500Principal;
import nl.ketenhub.support.TestPki;
import org.junit.jupiter.api.Test;

/** How a validated broker user is read: a DN's serialNumber however it is written, a DN however it is spaced. */
class BrokerIdentitiesTest {

    private static final String OIN = "00000001234567890000";

    @Test
    void shouldReadTheOinFromADnsSerialNumberInEveryFormJavaAndBrokersWriteIt() {
        X500Principal subject = new X500Principal("CN=sis.school.invalid, SERIALNUMBER=" + OIN + ", O=School, C=NL");
        // RFC 2253 as X500Principal prints it: the serialNumber as OID with its DER value in hex
        String rfc2253 = subject.getName(X500Principal.RFC2253);
        assertThat(rfc2253).contains("2.5.4.5=#");
        assertThat(BrokerIdentities.serialNumber(rfc2253)).contains(OIN);
        assertThat(BrokerIdentities.serialNumber(subject.getName(X500Principal.RFC1779))).contains(OIN);
        assertThat(BrokerIdentities.serialNumber("CN=sis, serialNumber=" + OIN + ", O=School")).contains(OIN);
        assertThat(BrokerIdentities.serialNumber("CN=sis, SERIALNUMBER=12345, O=School")).isEmpty();
        assertThat(BrokerIdentities.serialNumber("CN=sis, O=School")).isEmpty();
        assertThat(BrokerIdentities.serialNumber("horizon-sis")).isEmpty();
        assertThat(BrokerIdentities.serialNumber("CN=broken,,=")).isEmpty();
    }

    @Test
    void shouldMatchAConfiguredBrokerUserExactlyOrAsTheSameDistinguishedName() {
        assertThat(BrokerIdentities.sameUser("horizon-sis", "horizon-sis")).isTrue();
        assertThat(BrokerIdentities.sameUser("horizon-sis", "Horizon-SIS")).isFalse();
        assertThat(BrokerIdentities.sameUser("CN=sis,O=School,C=NL", "cn=sis, o=school, c=NL")).isTrue();
        assertThat(BrokerIdentities.sameUser("CN=sis,O=School,C=NL", "CN=sis,O=Other,C=NL")).isFalse();
        assertThat(BrokerIdentities.sameUser("", "")).isFalse();
    }

    @Test
    void shouldMatchADistinguishedNameWhateverFormItsSerialNumberIsWrittenIn() {
        String keytool = "CN=sis.school.invalid, SERIALNUMBER=" + OIN + ", O=School, C=NL";
        String rfc2253 = new X500Principal(keytool).getName(X500Principal.RFC2253);
        assertThat(BrokerIdentities.sameUser(keytool, rfc2253)).isTrue();
        assertThat(BrokerIdentities.sameUser(rfc2253, keytool)).isTrue();
        assertThat(BrokerIdentities.sameUser("cn=sis.school.invalid,OID.2.5.4.5=" + OIN + ",o=school,c=NL", keytool)).isTrue();
        assertThat(BrokerIdentities.sameUser(rfc2253, keytool.replace(OIN, "00000001234567899999"))).isFalse();
    }

    @Test
    void shouldReadTheOinFromACertificateSubjectAsArtemisCertificateLoginHandsItOver() {
        X509Certificate certificate = TestPki.newCa("Test CA").organisation(OIN, "School").certificate();
        // what keytool prints as the owner, cert-users.properties holds, and ExternalCertificateLoginModule makes the user
        String owner = certificate.getSubjectX500Principal().toString();
        assertThat(owner).contains("SERIALNUMBER=" + OIN);
        assertThat(BrokerIdentities.serialNumber(owner)).contains(OIN);
        assertThat(BrokerIdentities.sameUser(owner, certificate.getSubjectX500Principal().getName())).isTrue();
    }
}
