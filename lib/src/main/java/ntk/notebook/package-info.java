/**
 * Small helpers for the notebooks: their start ({@link ntk.notebook.Course}: the mode from the
 * environment, the data, the pre-trained modules from {@link ntk.run.ModuleCache}; or a data set
 * of one's own with the mode's settings fitted to it), checks for the exercises' answers
 * ({@link ntk.notebook.Check}), a one-seed result read against the main job's seed-to-seed
 * spread, and turning images, arrays, charts and
 * diagrams into pictures that a Jupyter kernel shows inline ({@code display(...)} of a
 * {@link java.awt.image.BufferedImage} comes out as PNG). The method itself lives in the other
 * packages; nothing here trains or scores anything on its own. Nothing else in the kit uses this
 * package, the command line included.
 */
package ntk.notebook;
