/* wa-geometry.c: not written yet. */
#include "ward-atlas-core.h"
