/**
 * Module and network files: manifests, checksums and atomic writes, so an existing file is never
 * half-overwritten and a corrupt one is refused with a message naming it.
 */
package ntk.io;
