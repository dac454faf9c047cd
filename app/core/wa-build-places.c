/* wa-build-places.c: not written yet. */
#include "ward-atlas-core.h"
#include "wa-build-private.h"
