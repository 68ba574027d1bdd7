/**
 * Layers and modules on SameDiff (category modules f_c, task modules g_t, adapters h_{c,t}) and
 * their backward twins, the linear networks that compute J_h(z)^T delta with shared weights.
 */
package ntk.nn;
