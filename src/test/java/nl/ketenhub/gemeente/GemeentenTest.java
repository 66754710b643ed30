package nl.ketenhub.gemeente;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GemeentenTest {

    private final Gemeenten bundled = Gemeenten.bundled();

    @Test
    void shouldBundleTheGemeentenOf2025WithUniqueCodesAndNames() {
        assertThat(bundled.version()).isEqualTo("2025");
        assertThat(bundled.current()).hasSize(342);
        Set<String> names = new HashSet<>();
        bundled.current().forEach(g -> assertThat(names.add(Gemeenten.normalise(g.name()))).as(g.name()).isTrue());
        assertThat(bundled.byCode("0363")).get().extracting(Gemeenten.Gemeente::name).isEqualTo("Amsterdam");
        assertThat(bundled.byCode("1992")).get().extracting(Gemeenten.Gemeente::name).isEqualTo("Voorne aan Zee");
        // every current gemeente is found by its own name and code
        bundled.current().forEach(g -> {
            assertThat(code(g.name())).as(g.name()).isEqualTo(g.code());
            assertThat(code(g.code())).as(g.code()).isEqualTo(g.code());
        });
    }

    @Test
    void shouldMatchNamesWithoutRegardToCaseDiacriticsPunctuationAndCommonSpellings() {
        assertThat(code("'s-Gravenhage")).isEqualTo("0518");
        assertThat(code("Den Haag")).isEqualTo("0518");
        assertThat(code("S-GRAVENHAGE")).isEqualTo("0518");
        assertThat(code("'s Hertogenbosch")).isEqualTo("0796");
        assertThat(code("den bosch")).isEqualTo("0796");
        assertThat(code("Súdwest-Fryslân")).isEqualTo("1900");
        assertThat(code("sudwest fryslan")).isEqualTo("1900");
        assertThat(code("Gemeente Apeldoorn")).isEqualTo("0200");
        assertThat(code("St. Michielsgestel")).isEqualTo("0845");
        assertThat(code("Bergen (NH)")).isEqualTo("0373");
        assertThat(code("Bergen L.")).isEqualTo("0893");
        assertThat(code("Hengelo")).isEqualTo("0164");
        assertThat(code("gm0200")).isEqualTo("0200");
    }

    @Test
    void shouldLeadAFormerGemeenteByNameOrCodeToTheGemeenteThatAbsorbedIt() {
        assertThat(code("Heerhugowaard")).isEqualTo("1980");
        assertThat(code("0398")).isEqualTo("1980");
        assertThat(code("Weesp")).isEqualTo("0363");
        assertThat(code("Hellevoetsluis")).isEqualTo("1992");
        assertThat(code("Uden")).isEqualTo("1991");
        assertThat(code("Delfzijl")).isEqualTo("1979");
        assertThat(code("Haren")).isEqualTo("0014");
        assertThat(bundled.resolve("Heerhugowaard")).isInstanceOfSatisfying(Gemeenten.Found.class,
                f -> assertThat(f.how()).isEqualTo("former gemeente Heerhugowaard, merged into Dijk en Waard on 2022-01-01"));
    }

    @Test
    void shouldNameWhyAGemeenteCannotBeResolved() {
        assertThat(bundled.resolve("Atlantis")).isEqualTo(new Gemeenten.NotFound("gemeente-unknown",
                "'Atlantis' is neither a CBS code nor the name of a Dutch gemeente in the gemeente list of 2025"));
        assertThat(bundled.resolve("Bergen")).isInstanceOfSatisfying(Gemeenten.NotFound.class,
                n -> assertThat(n.problem()).isEqualTo("gemeente-unknown"));
        assertThat(bundled.resolve("Haaren")).isEqualTo(new Gemeenten.NotFound("gemeente-split",
                "former gemeente Haaren was divided among Boxtel, Oisterwijk, Tilburg, Vught on 2021-01-01: name the"
                        + " gemeente the student lives in now"));
        assertThat(bundled.resolve("0000")).isInstanceOf(Gemeenten.NotFound.class);
        assertThat(bundled.resolve(" ")).isEqualTo(new Gemeenten.NotFound("gemeente-missing", "no gemeente is named"));
        // a well-formed code the list does not hold is taken as given: a new gemeente may precede the list
        assertThat(bundled.resolve("0998")).isInstanceOfSatisfying(Gemeenten.Found.class, f -> {
            assertThat(f.gemeente().code()).isEqualTo("0998");
            assertThat(f.gemeente().name()).isNull();
        });
    }

    @Test
    void shouldReadAConfiguredListInsteadOfTheBundledOne(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("gemeenten.csv");
        Files.writeString(file, """
                # version: 2027
                0363;Amsterdam;current;;
                1999;Nieuwgemeente;current;;
                1999;Oudgemeente;former;0999;2027-01-01
                """);
        Gemeenten list = new GemeentenConfig().gemeenten(new GemeentenProperties(file.toString()));

        assertThat(list.version()).isEqualTo("2027");
        assertThat(list.current()).hasSize(2);
        assertThat(((Gemeenten.Found) list.resolve("oudgemeente")).gemeente().code()).isEqualTo("1999");
        assertThat(((Gemeenten.Found) list.resolve("0999")).gemeente().code()).isEqualTo("1999");
        assertThat(list.resolve("Apeldoorn")).isInstanceOf(Gemeenten.NotFound.class);
    }

    @Test
    void shouldRefuseAnInconsistentList(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.csv");
        Files.writeString(file, "# version: x\n0363;Amsterdam;current;;\n1999;Oudgemeente;former;;\n");
        assertThatThrownBy(() -> Gemeenten.load(file)).hasMessageContaining("'Oudgemeente' leads to 1999, which is no"
                + " current gemeente in the list");
        Files.writeString(file, "# version: x\n0363;Amsterdam;current;;\n0363;AMSTERDAM;alias;;\n");
        assertThatThrownBy(() -> Gemeenten.load(file)).hasMessageContaining("are the same name");
        Files.writeString(file, "0363;Amsterdam;current;;\n");
        assertThatThrownBy(() -> Gemeenten.load(file)).hasMessageContaining("no '# version:' line");
    }

    private String code(String raw) {
        Gemeenten.Match m = bundled.resolve(raw);
        return m instanceof Gemeenten.Found f ? f.gemeente().code() : m.toString();
    }
}
