package nl.ketenhub.canonical;

import java.util.Optional;
import java.util.Set;

/**
 * Checks of the Dutch identifiers the hub carries. Each check answers empty when the value is valid, or a sentence
 * that names exactly what is wrong. Messages never repeat the value itself: it may be a BSN.
 */
public final class Identifiers {

    /** OIN prefixes the hub accepts (Logius OIN register; 00000099 is reserved for test parties). */
    public static final Set<String> OIN_PREFIXES =
            Set.of("00000001", "00000002", "00000003", "00000004", "00000007", "00000099");

    private Identifiers() {}

    /** BSN: 9 digits, 11-proef (d1*9 + d2*8 + ... + d8*2 - d9) divisible by 11, not all zeros. */
    public static Optional<String> checkBsn(String value) {
        return checkNineDigits(value, "BSN").or(() -> {
            int sum = weightedSum(value);
            if (sum == 0) {
                return Optional.of("BSN must not be all zeros");
            }
            if (sum % 11 != 0) {
                return Optional.of("BSN fails the 11-proef: its weighted sum leaves remainder "
                        + Math.floorMod(sum, 11) + " modulo 11 instead of 0 (check for a mistyped digit)");
            }
            return Optional.empty();
        });
    }

    /** Onderwijsnummer: 9 digits, starts with 1, the same weighted sum leaves remainder 5 modulo 11. */
    public static Optional<String> checkOnderwijsnummer(String value) {
        return checkNineDigits(value, "onderwijsnummer").or(() -> {
            if (value.charAt(0) != '1') {
                return Optional.of("onderwijsnummer must start with 1");
            }
            int remainder = Math.floorMod(weightedSum(value), 11);
            if (remainder != 5) {
                return Optional.of("onderwijsnummer fails its check: the weighted sum leaves remainder " + remainder
                        + " modulo 11 instead of 5");
            }
            return Optional.empty();
        });
    }

    /** RSIN: the same 11-proef as the BSN. */
    public static Optional<String> checkRsin(String value) {
        return checkBsn(value).map(m -> m.replace("BSN", "RSIN"));
    }

    /** BRIN: 2 digits and 2 capital letters, optionally followed by a 2-digit vestigingscode. */
    public static Optional<String> checkBrin(String value) {
        if (value == null || !(value.length() == 4 || value.length() == 6)) {
            return Optional.of("BRIN must be 4 characters (2 digits and 2 letters, e.g. 00YY), or 6 with a vestigingscode; got "
                    + (value == null ? "nothing" : value.length() + " characters"));
        }
        if (!Character.isDigit(value.charAt(0)) || !Character.isDigit(value.charAt(1))) {
            return Optional.of("BRIN must start with 2 digits (e.g. 00YY)");
        }
        if (!isUpperLetterOrDigit(value.charAt(2)) || !isUpperLetterOrDigit(value.charAt(3))
                || (Character.isDigit(value.charAt(2)) && Character.isDigit(value.charAt(3)))) {
            return Optional.of("BRIN characters 3 and 4 must be capital letters (e.g. 00YY)");
        }
        if (value.length() == 6 && !(Character.isDigit(value.charAt(4)) && Character.isDigit(value.charAt(5)))) {
            return Optional.of("the vestigingscode after a BRIN must be 2 digits");
        }
        return Optional.empty();
    }

    /** OIN: 20 digits or capital letters with a known prefix; a 00000001 OIN carries an RSIN that passes the 11-proef. */
    public static Optional<String> checkOin(String value) {
        if (value == null || value.length() != 20) {
            return Optional.of("OIN must be exactly 20 characters; got " + (value == null ? "nothing" : value.length()));
        }
        for (int i = 0; i < value.length(); i++) {
            if (!isUpperLetterOrDigit(value.charAt(i))) {
                return Optional.of("OIN may contain only digits and capital letters; character " + (i + 1) + " is not");
            }
        }
        String prefix = value.substring(0, 8);
        if (!OIN_PREFIXES.contains(prefix)) {
            return Optional.of("OIN prefix " + prefix + " is not a known OIN prefix (one of "
                    + String.join(", ", OIN_PREFIXES.stream().sorted().toList()) + ")");
        }
        if (prefix.equals("00000001")) {
            String rsin = value.substring(8, 17);
            return checkRsin(rsin).map(m -> "OIN with prefix 00000001 must carry a valid RSIN in characters 9-17: " + m);
        }
        return Optional.empty();
    }

    /** Gemeentecode: the 4-digit CBS code of a municipality. */
    public static Optional<String> checkGemeentecode(String value) {
        if (value == null || value.length() != 4 || !value.chars().allMatch(Character::isDigit)) {
            return Optional.of("gemeentecode must be the 4-digit CBS code of a municipality (e.g. 0363)");
        }
        if (value.equals("0000")) {
            return Optional.of("gemeentecode 0000 is not a municipality");
        }
        return Optional.empty();
    }

    /** Written as {@code NNNN-NNNN} in ASCII digits (without compiling a pattern on every call). */
    private static boolean isTwoYears(String value) {
        if (value == null || value.length() != 9 || value.charAt(4) != '-') {
            return false;
        }
        for (int i = 0; i < 9; i++) {
            char c = value.charAt(i);
            if (i != 4 && (c < '0' || c > '9')) {
                return false;
            }
        }
        return true;
    }

    /** School year: two consecutive years, e.g. 2026-2027. */
    public static Optional<String> checkSchoolYear(String value) {
        if (!isTwoYears(value)) {
            return Optional.of("school year must be written as two years, e.g. 2026-2027");
        }
        int first = Integer.parseInt(value.substring(0, 4));
        int second = Integer.parseInt(value.substring(5));
        if (second != first + 1) {
            return Optional.of("school year must span two consecutive years, e.g. " + first + "-" + (first + 1));
        }
        if (first < 1990 || first > 2100) {
            return Optional.of("school year " + value + " is outside 1990-2100");
        }
        return Optional.empty();
    }

    private static Optional<String> checkNineDigits(String value, String name) {
        if (value == null || value.length() != 9) {
            return Optional.of(name + " must be exactly 9 digits; got "
                    + (value == null ? "nothing" : value.length() + " characters"));
        }
        if (!value.chars().allMatch(Character::isDigit)) {
            return Optional.of(name + " must contain only digits");
        }
        return Optional.empty();
    }

    private static int weightedSum(String nineDigits) {
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            sum += (nineDigits.charAt(i) - '0') * (9 - i);
        }
        return sum - (nineDigits.charAt(8) - '0');
    }

    private static boolean isUpperLetterOrDigit(char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
    }
}
