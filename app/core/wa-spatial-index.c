/* wa-spatial-index.c: not written yet. */
#include "ward-atlas-core.h"
