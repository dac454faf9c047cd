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
#include "wa-area-summary.h"
#include "wa-export-file.h"
#include "wa-ward-profile.h"
#include "wa-manifest.h"
#include "wa-pack-builder.h"
