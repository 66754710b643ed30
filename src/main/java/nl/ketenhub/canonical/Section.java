package nl.ketenhub.canonical;

/** A dossier section: everything in it belongs to one data category. */
public interface Section {

    DataCategory category();
}
