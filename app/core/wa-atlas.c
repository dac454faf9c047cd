/* wa-atlas.c: not written yet. */
#include "ward-atlas-core.h"
