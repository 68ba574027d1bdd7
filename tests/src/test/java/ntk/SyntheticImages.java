package ntk;

import ntk.data.ImageSet;

/** Small hand-made image sets for tests that need labels, not pixels. */
public final class SyntheticImages {
    private SyntheticImages() {}

    /** 1,000 one-pixel images whose labels cycle through 0..9 (in the order 0, 7, 4, 1, ...): 100 per category. */
    public static ImageSet thousand() {
        int n = 1000;
        byte[][] px = new byte[n][1];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = (i * 7) % 10;
        }
        return new ImageSet(px, labels, 1, 1);
    }
}
