package ntk.data;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** A data set's training and test images, and the validation splits settings are chosen on. */
public final class DatasetImages {
    private final Dataset dataset;
    private final ImageSet train;
    private final ImageSet test;

    public DatasetImages(Dataset dataset, ImageSet train, ImageSet test) {
        for (ImageSet s : List.of(train, test)) {
            if (!s.shape().equals(dataset.itemShape())) {
                throw new DataException("data set " + dataset.name() + " declares " + dataset.itemShape() + " items, got "
                        + s.shape() + " images");
            }
        }
        this.dataset = dataset;
        this.train = train;
        this.test = test;
    }

    public Dataset dataset() {
        return dataset;
    }

    public ImageSet train() {
        return train;
    }

    public ImageSet test() {
        return test;
    }

    /**
     * A data set for choosing settings without the test data or other categories: only the
     * training images of {@code categories}, split per category into {@code validationPerCategory}
     * validation images (served as this set's {@link #test()}) and the rest (its {@link #train()}).
     * The split is reproducible from {@code seed}; no test image and no image of another category
     * is in it.
     */
    public DatasetImages validationSplit(List<Category> categories, int validationPerCategory, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<Integer> fit = new ArrayList<>();
        List<Integer> validation = new ArrayList<>();
        for (Category c : categories) {
            int[] own = Samples.draw(train.indices(c, true), train.indices(c, true).length, rng);
            if (own.length <= validationPerCategory) {
                throw new IllegalArgumentException("cannot hold out " + validationPerCategory + " validation images of " + c
                        + ": it has " + own.length + " training images");
            }
            for (int i = 0; i < own.length; i++) {
                (i < validationPerCategory ? validation : fit).add(own[i]);
            }
        }
        // keep the original order, so samplers over the split see images as they see the full set
        int[] fitIdx = fit.stream().mapToInt(Integer::intValue).sorted().toArray();
        int[] valIdx = validation.stream().mapToInt(Integer::intValue).sorted().toArray();
        return new DatasetImages(dataset, train.subset(fitIdx), train.subset(valIdx));
    }
}
