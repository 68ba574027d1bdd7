/**
 * The data: Fashion-MNIST files (checksum-verified), images and labels as arrays, segmentation
 * scenes and masks, and the samplers that draw k annotated or n unlabeled examples
 * reproducibly. Depends on nothing else in the kit but {@link ntk.backend.Environment}, for NTK_DATA.
 */
package ntk.data;
