package nl.ketenhub.canonical;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A postal or residential address. */
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
        String description) {}
