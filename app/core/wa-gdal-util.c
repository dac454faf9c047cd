/* wa-gdal-util.c: not written yet. */
#include "ward-atlas-core.h"
