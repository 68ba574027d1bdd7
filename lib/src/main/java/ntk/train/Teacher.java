package ntk.train;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import ntk.data.Category;
import ntk.generic.Task;
import ntk.nn.ForwardPass;
import ntk.nn.IncompatibleShapeException;
import ntk.nn.Module;
import ntk.nn.Shape;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A network pre-trained for one category: its category module f_c and one head per task it
 * serves, all heads reading the same f_c (as the paper's teachers may share f_c across tasks).
 */
public record Teacher(Category category, Module features, Map<Task, Module> heads) {
    public Teacher {
        heads = Collections.unmodifiableMap(new LinkedHashMap<>(heads));
        if (heads.isEmpty()) {
            throw new IllegalArgumentException("a teacher needs at least one head");
        }
        int channels = features.spec().output().channels();
        heads.forEach((task, head) -> {
            if (head.spec().input().channels() != channels) {
                throw new IncompatibleShapeException("the teacher's " + task + " head expects " + head.spec().input()
                        + " but its category module produces " + channels + " channels");
            }
        });
    }

    /** A classification teacher. */
    public Teacher(Category category, Module features, Module classificationHead) {
        this(category, features, Map.of(Task.CLASSIFICATION, classificationHead));
    }

    /** The shape of one item of the teacher's data set: its category module's declared input. */
    public Shape itemShape() {
        return features.spec().input();
    }

    /** f_c sized for {@code task}'s inputs (items or scenes). */
    public Module features(Task task) {
        return features.withInput(task.input(itemShape()));
    }

    /** The teacher's predictions for {@code task}: one logit per input, or a logit per scene pixel. */
    public INDArray predict(Task task, INDArray inputs) {
        return new ForwardPass(features(task), head(task)).apply(inputs);
    }

    /** The head for {@code task}; names the tasks the teacher has if it lacks one. */
    public Module head(Task task) {
        Module h = heads.get(task);
        if (h == null) {
            throw new IllegalArgumentException("the " + category + " teacher has no " + task + " head; it has " + heads.keySet());
        }
        return h;
    }

    /** This teacher with one more head (on the same f_c). */
    public Teacher withHead(Task task, Module head) {
        Map<Task, Module> more = new LinkedHashMap<>(heads);
        if (more.putIfAbsent(task, head) != null) {
            throw new IllegalStateException("the " + category + " teacher already has a " + task + " head");
        }
        return new Teacher(category, features, more);
    }
}
