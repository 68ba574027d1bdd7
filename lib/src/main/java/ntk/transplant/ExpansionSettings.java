package ntk.transplant;

import java.util.Locale;

/**
 * How a small unlabeled pool is enlarged before distilling (the teacher labels every added input
 * for free, so no annotation is spent): not at all, with augmented views of the real images, or
 * with views and then inputs the teacher synthesises (which also works from no real image at
 * all). {@code method} is the enlargement {@code tune} found best at ten unlabeled inputs; the
 * comparison runs every method with the views' and synthesis' settings held here.
 *
 * @param method    the enlargement chosen for small pools
 * @param views     how augmented views are drawn
 * @param synthesis how inputs are synthesised
 */
public record ExpansionSettings(Method method, AugmentedViews.Settings views, TeacherSynthesis.Settings synthesis) {

    /** The ways of enlarging a pool. */
    public enum Method {
        /** The real pool only. */
        NONE,
        /** The real images and augmented views of them ({@link AugmentedViews}). */
        VIEWS,
        /** Views, then inputs synthesised by the teacher from the real images and views, or from noise without them. */
        VIEWS_THEN_SYNTHESIS;

        /** The lower-case name used in tables and method names, e.g. "views-then-synthesis". */
        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public ExpansionSettings {
        if (method == null || views == null || synthesis == null) {
            throw new IllegalArgumentException("expansion settings need a method, views and synthesis settings");
        }
    }

    /** No enlargement, with the default views and synthesis at hand for the methods that use them. */
    public static ExpansionSettings none() {
        return new ExpansionSettings(Method.NONE, AugmentedViews.Settings.defaults(), TeacherSynthesis.Settings.defaults());
    }

    /** The enlargement of {@code m} with these views and synthesis settings; null for {@link Method#NONE}. */
    public PoolExpansion expansion(Method m) {
        return switch (m) {
            case NONE -> null;
            case VIEWS -> new AugmentedViews(views);
            case VIEWS_THEN_SYNTHESIS -> CombinedExpansion.sequence(new AugmentedViews(views), new TeacherSynthesis(synthesis));
        };
    }

    /** The enlargement of {@link #method}; null for none. */
    public PoolExpansion expansion() {
        return expansion(method);
    }

    public ExpansionSettings withMethod(Method m) {
        return new ExpansionSettings(m, views, synthesis);
    }

    public ExpansionSettings withViews(AugmentedViews.Settings v) {
        return new ExpansionSettings(method, v, synthesis);
    }

    public ExpansionSettings withSynthesis(TeacherSynthesis.Settings s) {
        return new ExpansionSettings(method, views, s);
    }

    /** One line for tables and logs. */
    public String describe() {
        return method.id() + " (views: " + views.viewsPerImage() + " per image, shifts up to " + views.maxShift() + " px"
                + (views.flips() ? ", flips" : "") + ", noise " + SettingText.number(views.noise()) + "; synthesis: " + synthesis.count() + " inputs, "
                + synthesis.steps() + " steps, TV " + SettingText.number(synthesis.tvWeight()) + ", L2 " + SettingText.number(synthesis.l2Weight()) + ")";
    }
}
