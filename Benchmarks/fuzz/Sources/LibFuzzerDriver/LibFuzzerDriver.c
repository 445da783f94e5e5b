// Declarations only (include/LibFuzzerDriver.h); SwiftPM needs one source file in a C target.
#include "LibFuzzerDriver.h"
