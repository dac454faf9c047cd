/* wa-pack-builder.c: not written yet. */
#include "ward-atlas-core.h"
#include "wa-build-private.h"
