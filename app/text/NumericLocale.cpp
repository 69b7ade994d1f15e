#include "text/NumericLocale.h"

#include <clocale>

void keepNumbersMachineReadable()
{
    // Only the numeric category: messages, collation and character classes (UTF-8 in file
    // names and in the terminal) still follow the environment.
    std::setlocale(LC_NUMERIC, "C");
}
