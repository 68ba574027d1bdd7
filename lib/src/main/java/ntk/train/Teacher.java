package ntk.train;

import ntk.data.Category;
import ntk.nn.Module;

/** A network pre-trained for one category and one task: its category module f_c and its own head. */
public record Teacher(Category category, Module features, Module head) {}
