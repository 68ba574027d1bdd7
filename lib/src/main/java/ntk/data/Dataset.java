package ntk.data;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A labelled image data set the kit can build generic networks on: its categories in label order,
 * the shape of its items, and its training and test images. Describing a data set is cheap;
 * {@link #load()} reads the images (once per process).
 */
public interface Dataset {
    /** The name settings files and module files use, e.g. {@code fashion-mnist}. */
    String name();

    /** All categories, in label order: {@code categories().get(i).label() == i}. */
    List<Category> categories();

    ItemShape itemShape();

    /**
     * How bright data-free synthesis's start noise may be (of 1): uniform noise in [0, this). 0.5
     * suits items on a black background, as Fashion-MNIST's and MNIST's are — a grey start stays
     * grey rather than turning into a light item. A data set on a light background returns more;
     * one that derives it from images must use base categories' training images only.
     */
    default float startNoiseBrightness() {
        return 0.5f;
    }

    /** The training and test images, read and verified on first use. */
    DatasetImages load();

    /** Parses "sandal", "ankle-boot", "ANKLE_BOOT" or a label number into this data set's category. */
    default Category category(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (Category c : categories()) {
            if (c.id().equals(t) || String.valueOf(c.label()).equals(t)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown category '" + text + "' in data set " + name() + "; known categories: "
                + known());
    }

    /** The category whose label is {@code label}. */
    default Category ofLabel(int label) {
        if (label < 0 || label >= categories().size()) {
            throw new IllegalArgumentException(name() + " labels are 0.." + (categories().size() - 1) + ", got " + label);
        }
        return categories().get(label);
    }

    /** The categories' ids, comma-separated, for error messages. */
    default String known() {
        return categories().stream().map(Category::id).collect(Collectors.joining(", "));
    }

    /** Checks that {@code categories} are in label order and belong to the data set {@code name}. */
    static List<Category> checkedCategories(String name, List<Category> categories) {
        if (categories.size() < 2) {
            throw new IllegalArgumentException("data set " + name + " needs at least two categories, got " + categories.size());
        }
        for (int i = 0; i < categories.size(); i++) {
            Category c = categories.get(i);
            if (c.label() != i || !c.dataset().equals(name)) {
                throw new IllegalArgumentException("category " + c + " of " + c.dataset() + " with label " + c.label()
                        + " cannot be category " + i + " of data set " + name);
            }
            for (int j = 0; j < i; j++) {
                if (categories.get(j).id().equals(c.id())) {
                    throw new IllegalArgumentException("data set " + name + " names category " + c + " twice");
                }
            }
        }
        return List.copyOf(categories);
    }
}
