/* ward-atlas-core.h: the public headers of the Ward Atlas core model. */
#pragma once

#include "wa-error.h"
#include "wa-format.h"
#include "wa-edition.h"
#include "wa-indicator.h"
#include "wa-geometry.h"
#include "wa-spatial-index.h"
#include "wa-stats.h"
#include "wa-postcode.h"
#include "wa-rank-method.h"
#include "wa-ward.h"
#include "wa-atlas.h"
#include "wa-search.h"
#include "wa-ward-filter.h"
#include "wa-ward-csv.h"
#include "wa-manifest.h"
#include "wa-pack-builder.h"
