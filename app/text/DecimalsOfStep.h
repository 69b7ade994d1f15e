#pragma once

// Decimals that show every value of a step grid exactly (0.125 -> 3, 0.05 -> 2, 1 -> 0),
// at most 4: the parameter sliders' values and the sweep chart's axis labels.
int decimalsOfStep(double step);
