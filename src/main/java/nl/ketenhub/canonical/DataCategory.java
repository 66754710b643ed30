package nl.ketenhub.canonical;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/** The data categories of a transfer dossier: the unit in which the consent policy decides. */
public enum DataCategory {
    IDENTITY("identity"),
    SCHOOL_CAREER("school-career"),
    /** OSO cat_vve: early childhood education, apart from the school career. */
    EARLY_CHILDHOOD("early-childhood"),
    /** OSO cat_vombo's exam results (resultaatvakkenvo). */
    RESULTS("results"),
    /** OSO cat_cijferlijsten: grade lists, apart from exam results. */
    GRADE_LISTS("grade-lists"),
    /** OSO cat_eindtoetsbo: the primary school's final test. */
    PRIMARY_FINAL_TEST("primary-final-test"),
    /** OSO cat_toetsresultaten: tests (intelligence tests among them), apart from grades and exam results. */
    TEST_RESULTS("test-results"),
    TRANSFER_ADVICE("transfer-advice"),
    SUPPORT_NEEDS("support-needs"),
    /** OSO cat_handelingsplannen: action plans, apart from the other support needs. */
    ACTION_PLANS("action-plans"),
    ATTENDANCE("attendance"),
    PARENTS_GUARDIANS("parents-guardians"),
    ATTACHMENTS("attachments");

    private final String wireName;

    DataCategory(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    @JsonCreator
    public static DataCategory fromWireName(String name) {
        return Arrays.stream(values())
                .filter(c -> c.wireName.equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown data category: " + name));
    }
}
