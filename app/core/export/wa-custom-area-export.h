/* wa-custom-area-export.h: a custom area's figures (wa-custom-area.h) as
 * CSV or JSON, the one implementation behind `ward-atlas-cli area` and the
 * app's Export Figures. Numbers are written plainly for machines (full
 * stop, no grouping); missing values are empty CSV fields and JSON nulls.
 *
 * The CLI stacks several areas in one table or one "areas" array; the
 * app's file holds one area with its provenance, as a ward profile does
 * (wa-ward-profile.h): edition, vintages, rank method and the attribution
 * the data licences require. */
#pragma once

#include <json-glib/json-glib.h>

#include "wa-custom-area.h"

G_BEGIN_DECLS

/* The columns of a figures table: with_provenance adds edition, vintages,
 * method and attribution at the end. The columns do not depend on the
 * area, so rows of several areas can be stacked under one header. */
void    wa_custom_area_csv_append_header (GString *out, gboolean with_provenance);
void    wa_custom_area_csv_append_row    (GString *out, WaAtlas *atlas, WaCustomArea *area,
                                          const WaCustomAreaFigures *figures,
                                          gboolean with_provenance);
/* One area as a JSON object (an element of the CLI's "areas" array). */
void    wa_custom_area_json_add          (JsonBuilder *builder, WaAtlas *atlas,
                                          WaCustomArea *area,
                                          const WaCustomAreaFigures *figures);

/* One area's file: the header and its row with provenance. */
GBytes *wa_custom_area_figures_to_csv    (WaAtlas *atlas, WaCustomArea *area,
                                          const WaCustomAreaFigures *figures);
/* { "edition", "vintages", "method", "areas": [ the area ], "attribution" } */
GBytes *wa_custom_area_figures_to_json   (WaAtlas *atlas, WaCustomArea *area,
                                          const WaCustomAreaFigures *figures);

G_END_DECLS
