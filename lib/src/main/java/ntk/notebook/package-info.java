/**
 * Small helpers for the notebooks: their settings (read from the environment), a cache of the
 * pre-trained modules they share, and turning images, arrays and charts into pictures that a
 * Jupyter kernel shows inline ({@code display(...)} of a {@link java.awt.image.BufferedImage}
 * comes out as PNG). The method itself lives in the other packages; nothing here trains or
 * scores anything on its own.
 */
package ntk.notebook;
