/* wa-stats.c: not written yet. */
#include "ward-atlas-core.h"
