/**
 * The data seam: a data set ({@link ntk.data.Dataset}: categories as values, item shape, images),
 * found by name ({@link ntk.data.Datasets}); Fashion-MNIST built in, IDX folders and image folders
 * ({@link ntk.data.ImageFolder}, pictures made items by {@link ntk.data.ItemPixels}) described by
 * their dataset.json; images and labels as arrays, segmentation
 * scenes and masks, and the samplers that draw k annotated or n unlabeled examples
 * reproducibly. Depends on nothing else in the kit but {@link ntk.backend.Environment}, for NTK_DATA.
 */
package ntk.data;
