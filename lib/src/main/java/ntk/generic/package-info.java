/**
 * The generic network: a registry of category modules, shared task modules and adapters, and the
 * routing x -> g_t(h_{c,t}(f_c(x))). Adding a category never touches what others use.
 */
package ntk.generic;
