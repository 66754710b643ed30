/**
 * Coverage-guided fuzz tests (Jazzer) of the hub's parsers. In the normal test run each replays its seeds from
 * {@code src/test/resources/nl/ketenhub/fuzz/<Test>Inputs}; the build also runs a short seeded fuzzing round of each,
 * and {@code ./mvnw -B -Pfuzz verify} the long round.
 */
package nl.ketenhub.fuzz;
