/* wa-rank-method.c: not written yet. */
#include "ward-atlas-core.h"
