package ntk.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import ntk.data.FashionMnist;

/**
 * Settings files written before the settings were grouped kept every run and pre-training value
 * at the top level. Reading one moves those keys into their groups ({@code categories},
 * {@code runs}, {@code pretraining}) and names the data set they were all written for,
 * Fashion-MNIST; everything else is read as it is, strictly.
 */
final class LegacyLayout {
    private LegacyLayout() {}

    /** Whether {@code root} is in the flat layout. */
    static boolean isFlat(ObjectNode root) {
        return root.has("baseCategories") && !root.has("categories");
    }

    /** A copy of {@code root} in the grouped layout. */
    static ObjectNode grouped(ObjectNode root) {
        ObjectNode o = root.deepCopy();
        if (!o.has("dataset")) {
            o.put("dataset", FashionMnist.NAME); // the only data set there was
        }
        ObjectNode categories = o.putObject("categories");
        move(o, "baseCategories", categories, "base");
        move(o, "newCategories", categories, "transplanted");
        ObjectNode runs = o.putObject("runs");
        for (String k : List.of("seeds", "annotationBudgets", "poolSizes", "backWithLabelsPool", "scratchBaseline", "scratchTraining")) {
            move(o, k, runs, k);
        }
        ObjectNode pretraining = o.putObject("pretraining");
        move(o, "pretrainSeed", pretraining, "seed");
        for (String k : List.of("teacherPerClass", "teacherTraining", "taskPerClass", "taskTraining")) {
            move(o, k, pretraining, k);
        }
        return o;
    }

    private static void move(ObjectNode from, String key, ObjectNode to, String as) {
        if (from.has(key)) {
            to.set(as, from.remove(key));
        }
    }
}
