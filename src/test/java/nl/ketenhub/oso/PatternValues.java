package nl.ketenhub.oso;

import java.util.Random;

/**
 * A value matching an XSD pattern, for the subset of the regular-expression language the OSO schema uses: literal
 * characters, character classes with ranges ({@code [0-9A-Z]}), quantifiers {@code {n}}, {@code {n,m}}, {@code ?}
 * and alternation of whole branches ({@code P|[0-8]|1[1-6]|S}). Anything else is refused loudly, so a pattern the
 * schema gains is never silently mis-generated.
 */
final class PatternValues {

    private final Random random;

    PatternValues(Random random) {
        this.random = random;
    }

    String matching(String pattern) {
        String[] branches = pattern.split("\\|", -1);
        String branch = branches[random.nextInt(branches.length)];
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < branch.length()) {
            char c = branch.charAt(i);
            String choices;
            if (c == '[') {
                int end = branch.indexOf(']', i);
                choices = expand(branch.substring(i + 1, end), pattern);
                i = end + 1;
            } else if ("()*+.\\^$".indexOf(c) >= 0) {
                throw new IllegalArgumentException("pattern syntax not supported by the generator: " + pattern);
            } else {
                choices = String.valueOf(c);
                i++;
            }
            int times = 1;
            if (i < branch.length() && branch.charAt(i) == '{') {
                int end = branch.indexOf('}', i);
                String[] bounds = branch.substring(i + 1, end).split(",", -1);
                int min = Integer.parseInt(bounds[0]);
                int max = bounds.length == 1 ? min : Integer.parseInt(bounds[1]);
                times = min + random.nextInt(max - min + 1);
                i = end + 1;
            } else if (i < branch.length() && branch.charAt(i) == '?') {
                times = random.nextInt(2);
                i++;
            }
            for (int n = 0; n < times; n++) {
                out.append(choices.charAt(random.nextInt(choices.length())));
            }
        }
        return out.toString();
    }

    private static String expand(String set, String pattern) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < set.length(); i++) {
            if (i + 2 < set.length() && set.charAt(i + 1) == '-') {
                for (char c = set.charAt(i); c <= set.charAt(i + 2); c++) {
                    out.append(c);
                }
                i += 2;
            } else if (set.charAt(i) == '^' || set.charAt(i) == '\\') {
                throw new IllegalArgumentException("pattern syntax not supported by the generator: " + pattern);
            } else {
                out.append(set.charAt(i));
            }
        }
        return out.toString();
    }
}
