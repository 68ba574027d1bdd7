package ntk.data;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The ten Fashion-MNIST categories, in label order. */
public enum Category {
    TSHIRT("t-shirt"), TROUSER("trouser"), PULLOVER("pullover"), DRESS("dress"), COAT("coat"),
    SANDAL("sandal"), SHIRT("shirt"), SNEAKER("sneaker"), BAG("bag"), ANKLE_BOOT("ankle-boot");

    private final String id;

    Category(String id) {
        this.id = id;
    }

    /** Short lower-case name used in files, tables and on the command line. */
    public String id() {
        return id;
    }

    /** The Fashion-MNIST label of this category. */
    public int label() {
        return ordinal();
    }

    public static Category ofLabel(int label) {
        if (label < 0 || label >= values().length) {
            throw new IllegalArgumentException("Fashion-MNIST labels are 0..9, got " + label);
        }
        return values()[label];
    }

    /** Parses "sandal", "ankle-boot", "ANKLE_BOOT" or a label number. */
    public static Category parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (Category c : values()) {
            if (c.id.equals(t) || String.valueOf(c.label()).equals(t)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown category '" + text + "'; known categories: " + known());
    }

    public static String known() {
        return Arrays.stream(values()).map(Category::id).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return id;
    }
}
