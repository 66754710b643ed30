package nl.ketenhub.canonical;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A school or institution: BRIN, optional location code, name and OIN. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record School(String brin, String vestigingscode, String name, String oin) {}
