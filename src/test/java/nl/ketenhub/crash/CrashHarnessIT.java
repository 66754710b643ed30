package nl.ketenhub.crash;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A short round of the crash harness: the hub in its own JVM, killed with SIGKILL twice under a retrying REST and SOAP load
 * and started again on the same data. The long round: see the README ("Crash harness").
 */
class CrashHarnessIT {

    @Test
    void shouldLoseNothingAcceptedAcrossHardKills() throws Exception {
        CrashHarness.Report report = new CrashHarness(CrashHarness.Settings.fromSystemProperties(2, 3, 6, 120)).run();
        System.out.println(report.summary());

        assertThat(report.accepted()).as("the load got messages through").isPositive();
        assertThat(report.lost()).as("accepted but never delivered nor parked").isEmpty();
        assertThat(report.answers().keySet()).as("the senders were told to send again (503) or got no answer, never a 500")
                .allMatch(code -> code.equals("202") || code.equals("200") || code.equals("503") || code.equals("no answer")
                        || code.equals("SOAP 200") || code.equals("SOAP 503") || code.equals("SOAP no answer")
                        || code.equals("JMS committed") || code.equals("JMS send failed")
                        || code.equals("JMS reply 202") || code.equals("JMS reply 200"));
        assertThat(report.answers()).as("the SOAP sender got messages through").containsKey("SOAP 200");
    }
}
