package ntk.data;

/**
 * The shape of one item image, channels × height × width. Category modules halve the sides twice
 * (two 2×2 max-pools), so both sides must be multiples of 4; segmentation scenes are twice as
 * high and wide.
 */
public record ItemShape(int channels, int height, int width) {
    public ItemShape {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("items are greyscale (1 channel) or colour (3 channels), got " + channels);
        }
        if (height < 8 || width < 8 || height % 4 != 0 || width % 4 != 0) {
            throw new IllegalArgumentException("item sides must be multiples of 4 and at least 8 (two 2×2 poolings), got "
                    + height + "×" + width);
        }
    }

    /** The pixels of one item, all channels. */
    public int size() {
        return channels * height * width;
    }

    /** The segmentation canvas: four item places in a 2 × 2 grid. */
    public ItemShape scene() {
        return new ItemShape(channels, 2 * height, 2 * width);
    }

    @Override
    public String toString() {
        return channels + "×" + height + "×" + width;
    }
}
