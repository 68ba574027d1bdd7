package ntk.protocol;

/** One cell of the comparison: a method with a number of annotations and of unlabeled images. */
public record Condition(String method, int annotations, int unlabeled) {
    public static final String SUPERVISED = "supervised";
    public static final String FORWARD = "forward-distillation";
    public static final String BACK = "back-distillation";
    /** Back-distillation on the real pool and augmented views of it. */
    public static final String BACK_VIEWS = "back-distillation+views";
    /** Back-distillation on the real pool, views of it and inputs the teacher synthesised (data-free with no real image). */
    public static final String BACK_VIEWS_SYNTHESIS = "back-distillation+views+synthesis";
    public static final String SCRATCH = "scratch";
    public static final String UNTRAINED = "untrained-adapter";
    public static final String TEACHER = "teacher";
    /** A base category through the generic network's own route g(h_c(f_c(x))). */
    public static final String GENERIC = "generic-network";
}
