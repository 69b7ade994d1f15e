#include "text/DecimalsOfStep.h"

#include <cmath>

int decimalsOfStep(double step)
{
    for (int decimals = 0; decimals < 4; ++decimals) {
        const double scaled = step * std::pow(10.0, decimals);
        if (std::abs(scaled - std::round(scaled)) < 1e-9)
            return decimals;
    }
    return 4;
}
