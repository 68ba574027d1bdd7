package ntk.data;

/**
 * One category of a data set: its id (a short lower-case name used in files, tables and on the
 * command line), the name shown to people, and its label index within the data set. Categories of
 * different data sets never compare equal, even when their ids agree, so a module of one data set
 * cannot stand in for another's.
 *
 * @param dataset the name of the data set the category belongs to
 */
public record Category(String dataset, String id, String displayName, int label) implements Comparable<Category> {
    /** What an id is: lower-case letters, digits and hyphens, not starting with a hyphen. */
    public static final String ID = "[a-z0-9][a-z0-9-]*";

    public Category {
        if (id == null || !id.matches(ID)) {
            throw new IllegalArgumentException("a category id is lower-case letters, digits and hyphens, got '" + id + "'");
        }
        if (label < 0) {
            throw new IllegalArgumentException("category " + id + " has a negative label " + label);
        }
    }

    /** Label order within a data set (data sets by name). */
    @Override
    public int compareTo(Category o) {
        int byDataset = dataset.compareTo(o.dataset);
        return byDataset != 0 ? byDataset : Integer.compare(label, o.label);
    }

    @Override
    public String toString() {
        return id;
    }
}
