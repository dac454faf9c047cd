/* ward-atlas-core.h: for front ends only (the app, the CLI, tests): the
 * public headers of the runtime model and of the exports. The pack builder
 * is not here: what builds packs includes wa-pack-builder.h and
 * wa-manifest.h itself. Nothing under app/core includes this file
 * (tests/check-includes.py). */
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
#include "wa-rank-explain.h"
#include "wa-ward.h"
#include "wa-atlas.h"
#include "wa-area-summary.h"
#include "wa-safe-write.h"
#include "wa-csv.h"
#include "wa-export-format.h"
#include "wa-ward-profile.h"
#include "wa-custom-area-export.h"
#include "wa-asset.h"
#include "wa-asset-benchmark.h"
#include "wa-search.h"
#include "wa-ward-filter.h"
#include "wa-ward-csv.h"
#include "wa-change.h"
#include "wa-change-table.h"
#include "wa-change-export.h"
#include "wa-user-list.h"
#include "wa-custom-area.h"
