/* wa-pack-figures.c: the wards table's figures blob (see wa-pack-figures.h). */
#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "wa-error.h"
#include "wa-pack-figures.h"

static void
put_double (guint8 *out, double value)
{
  guint64 bits;

  memcpy (&bits, &value, sizeof bits);
  bits = GUINT64_TO_LE (bits);
  memcpy (out, &bits, sizeof bits);
}

static double
get_double (const guint8 *in)
{
  guint64 bits;
  double value;

  memcpy (&bits, in, sizeof bits);
  bits = GUINT64_FROM_LE (bits);
  memcpy (&value, &bits, sizeof value);
  return value;
}

void
wa_pack_figures_encode (const WaFigure *figures, guint8 *out)
{
  memset (out, 0, WA_PACK_FIGURES_BYTES);
  for (guint i = 0; i < WA_N_INDICATORS; i++)
    {
      const WaFigure *figure = &figures[i];
      gboolean imd_family = wa_indicator_index (i) == WA_INDEX_IMD;
      guint8 *at = out + i * WA_PACK_FIGURE_BYTES;
      guint32 rank = GUINT32_TO_LE (figure->rank);

      put_double (at, figure->score);
      put_double (at + 8, imd_family ? figure->extent : NAN);
      put_double (at + 16, imd_family ? figure->proportion : NAN);
      memcpy (at + 24, &rank, sizeof rank);
      at[28] = (guint8) figure->decile;
      at[29] = (guint8) figure->source;
    }
}

static gboolean
decode_one (const guint8 *at, WaIndicator indicator, WaFigure *figure, GError **error)
{
  guint32 rank;

  if (at[28] > 10 || at[29] > WA_FIGURE_THIRD_PARTY || at[30] != 0 || at[31] != 0)
    {
      g_set_error (error, WA_ERROR, WA_ERROR_DAMAGED,
                   _("the %s figures hold decile %u, source %u and padding %u, %u"),
                   wa_indicator_id (indicator), at[28], at[29], at[30], at[31]);
      return FALSE;
    }
  memcpy (&rank, at + 24, sizeof rank);
  wa_figure_init (figure);
  figure->score = get_double (at);
  figure->extent = get_double (at + 8);
  figure->proportion = get_double (at + 16);
  figure->rank = GUINT32_FROM_LE (rank);
  figure->decile = at[28];
  figure->source = (WaFigureSource) at[29];
  return TRUE;
}

gboolean
wa_pack_figures_decode (const guint8 *blob, gsize size, WaFigure *figures, GError **error)
{
  if (blob == NULL || size != WA_PACK_FIGURES_BYTES)
    {
      g_set_error (error, WA_ERROR, WA_ERROR_DAMAGED,
                   _("its figures take %" G_GSIZE_FORMAT " bytes, not %d"),
                   blob != NULL ? size : 0, WA_PACK_FIGURES_BYTES);
      return FALSE;
    }
  for (guint i = 0; i < WA_N_INDICATORS; i++)
    if (!decode_one (blob + i * WA_PACK_FIGURE_BYTES, i, &figures[i], error))
      return FALSE;
  return TRUE;
}
