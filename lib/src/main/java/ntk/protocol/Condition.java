package ntk.protocol;

import java.util.List;

/**
 * One cell of the comparison: a method with a number of annotations and of unlabeled images.
 * The method is a transplant method's name ({@link ntk.transplant.TransplantMethods}) or one of
 * the {@link #REFERENCES} below, which learn no adapter by a transplant method.
 */
public record Condition(String method, int annotations, int unlabeled) {
    /** The whole network (category module and head) trained from scratch on the annotated samples. */
    public static final String SCRATCH = "scratch";
    /** The adapter as initialised (identity), trained not at all. */
    public static final String UNTRAINED = "untrained-adapter";
    /** The category's teacher on its own data. */
    public static final String TEACHER = "teacher";
    /** A base category through the generic network's own route g(h_c(f_c(x))). */
    public static final String GENERIC = "generic-network";
    /** The rows that are not transplant methods. */
    public static final List<String> REFERENCES = List.of(SCRATCH, UNTRAINED, TEACHER, GENERIC);
}
