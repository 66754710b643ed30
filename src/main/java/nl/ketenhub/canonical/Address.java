package nl.ketenhub.canonical;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A postal or residential address.
 *
 * @param kindCode the sender's own code for the kind of address (OSO soortadres); {@code kind} is its canonical reading
 * @param registryCountryCode country code of the civil registry's country table (e.g. 6030)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Address(
        String kind,
        String street,
        String houseNumber,
        String houseNumberAddition,
        String postcode,
        String city,
        String gemeentecode,
        String country,
        String description,
        String kindCode,
        String designation,
        String locationDescription,
        String municipality,
        String registryCountryCode,
        String countryName) {

    /** An address with only the fields of the first canonical version. */
    public Address(String kind, String street, String houseNumber, String houseNumberAddition, String postcode,
            String city, String gemeentecode, String country, String description) {
        this(kind, street, houseNumber, houseNumberAddition, postcode, city, gemeentecode, country, description,
                null, null, null, null, null, null);
    }
}
