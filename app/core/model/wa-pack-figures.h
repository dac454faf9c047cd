/* wa-pack-figures.h: a ward's figures as the pack stores them for the
 * reader: one blob, the "figures" column of the wards table.
 *
 * The same figures are in the table's 70-odd figure columns too (for QGIS
 * and ogrinfo), but a reader that takes each of 74,000 wards' figures
 * column by column spends three times the CPU it spends on one blob, and
 * the 10x pack's open is CPU-bound. The layout, little-endian, 32 bytes
 * per indicator in WaIndicator order:
 *
 *   0  score       float64, NaN = none
 *   8  extent      float64, NaN = none (always NaN for the CNI family)
 *  16  proportion  float64, NaN = none (always NaN for the CNI family)
 *  24  rank        uint32, 0 = not ranked
 *  28  decile      uint8, 0 = none, at most 10
 *  29  source      uint8, a WaFigureSource
 *  30  zero        two bytes */
#pragma once

#include <glib.h>

#include "wa-indicator.h"

G_BEGIN_DECLS

#define WA_PACK_FIGURE_BYTES 32
#define WA_PACK_FIGURES_BYTES (WA_PACK_FIGURE_BYTES * WA_N_INDICATORS)

/* figures[i] is indicator i's; the CNI family's extent and proportion are
 * written as none, as the table has no such columns. */
void     wa_pack_figures_encode (const WaFigure *figures, guint8 *out);
/* FALSE, with error set to what is wrong (no path: the caller names the
 * file and the ward), when blob is not what wa_pack_figures_encode ()
 * writes: another length, a decile above 10, an unknown source, or
 * non-zero padding. */
gboolean wa_pack_figures_decode (const guint8 *blob, gsize size, WaFigure *figures,
                                 GError **error);

G_END_DECLS
