package nl.ketenhub.oso;

import jakarta.xml.bind.annotation.adapters.XmlAdapter;
import java.time.LocalDate;

/** Binds xs:date to {@link LocalDate} in the generated JAXB classes (an offset on a date is ignored). */
public class LocalDateAdapter extends XmlAdapter<String, LocalDate> {

    @Override
    public LocalDate unmarshal(String value) {
        if (value == null) {
            return null;
        }
        String v = value.trim();
        // xs:date may carry a time zone (2027-03-15Z, 2027-03-15+01:00); the calendar date is what counts.
        return LocalDate.parse(v.length() > 10 ? v.substring(0, 10) : v);
    }

    @Override
    public String marshal(LocalDate value) {
        return value == null ? null : value.toString();
    }
}
