/* wa-postcode.c: not written yet. */
#include "ward-atlas-core.h"
