/**
 * Layers and modules on SameDiff (category modules f_c, task modules g_t, adapters h_{c,t}) and
 * their backward twins, the linear networks that compute J_h(z)^T delta with shared weights, with
 * {@link ntk.nn.TwinCheck} comparing a twin against finite differences of its forward pass.
 */
package ntk.nn;
