/* wa-postcode-row.c: checks on the rows of a pack's postcodes table (see
 * wa-postcode-row.h). */
#include "wa-postcode-row.h"
#include "wa-error.h"
#include "wa-postcode.h"

#include <stdarg.h>
#include <string.h>
#include <glib/gi18n-lib.h>

/* FNV-1a, 64 bits, folded to 32: a row is about 40 bytes, so this costs
 * nanoseconds per lookup; a changed row is missed with odds of about 1 in
 * 4 billion. */
#define FNV_OFFSET G_GUINT64_CONSTANT (14695981039346656037)
#define FNV_PRIME  G_GUINT64_CONSTANT (1099511628211)

static guint64
hash_bytes (guint64 h, const void *bytes, gsize length)
{
  const guchar *p = bytes;

  for (gsize i = 0; i < length; i++)
    h = (h ^ p[i]) * FNV_PRIME;
  return h;
}

/* A tag byte, then the value: NULL, "" and a moved boundary between two
 * texts all hash apart. */
static guint64
hash_text (guint64 h, const char *text)
{
  guint32 length;

  if (text == NULL)
    return hash_bytes (h, "n", 1);
  length = GUINT32_TO_LE ((guint32) strlen (text));
  h = hash_bytes (h, "t", 1);
  h = hash_bytes (h, &length, sizeof length);
  return hash_bytes (h, text, strlen (text));
}

static guint64
hash_u64 (guint64 h, char tag, guint64 value)
{
  guint64 le = GUINT64_TO_LE (value);

  h = hash_bytes (h, &tag, 1);
  return hash_bytes (h, &le, sizeof le);
}

static guint64
hash_double (guint64 h, double value)
{
  guint64 bits;

  memcpy (&bits, &value, sizeof bits);
  return hash_u64 (h, 'f', bits);
}

guint32
wa_postcode_row_check (const WaPostcodeRow *row)
{
  guint64 h = FNV_OFFSET;

  h = hash_text (h, row->postcode);
  h = hash_text (h, row->display);
  h = hash_double (h, row->lon);
  h = hash_double (h, row->lat);
  h = hash_text (h, row->ward_code);
  h = row->quality >= 0 ? hash_u64 (h, 'i', (guint64) row->quality) : hash_bytes (h, "n", 1);
  return (guint32) (h ^ (h >> 32));
}

gint32
wa_postcode_row_stored_check (const WaPostcodeRow *row)
{
  return (gint32) wa_postcode_row_check (row);
}

static gboolean G_GNUC_PRINTF (3, 4)
damaged (GError **error, const char *path, const char *format, ...)
{
  g_autofree char *detail = NULL;
  va_list args;

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, WA_ERROR, WA_ERROR_DAMAGED,
               _("%s: pack is damaged: %s; run ward-atlas-cli verify"), path, detail);
  return FALSE;
}

static gboolean
intact (const WaPostcodeRow *row)
{
  return row->check != WA_POSTCODE_ROW_NO_CHECK
         && row->check == (gint64) wa_postcode_row_stored_check (row);
}

gboolean
wa_postcode_row_verify (const WaPostcodeRow *row, const char *path, const char *key, GError **error)
{
  g_autofree char *pretty = wa_postcode_format (key);

  if (!intact (row))
    return damaged (error, path, _("the postcode row for %s fails its check"), pretty);
  /* The index's key matched, the row's postcode does not. */
  if (g_strcmp0 (row->postcode, key) != 0)
    return damaged (error, path, _("the postcode index leads %s to another row"), pretty);
  return TRUE;
}

/* Every bound of the search is next to a row already read, so when it ends
 * the two rows around KEY have both been read and checked: a row deleted
 * there (its rowid missing) is caught too, not only a damaged index. */
gboolean
wa_postcode_row_confirm_absent (const char *path, const char *key, gint64 n_rows,
                                WaPostcodeRowReader read, gpointer data, GError **error)
{
  g_autofree char *pretty = wa_postcode_format (key);
  gint64 lo = 1, hi = n_rows;

  while (lo <= hi)
    {
      gint64 mid = lo + (hi - lo) / 2;
      WaPostcodeRow row;
      int order;

      switch (read (data, mid, &row, error))
        {
        case WA_POSTCODE_ROW_READ:
          break;
        case WA_POSTCODE_ROW_MISSING:
          return damaged (error, path, _("postcode row %" G_GINT64_FORMAT " (near %s) is missing"),
                          mid, pretty);
        default:
          return FALSE;
        }
      if (!intact (&row) || row.postcode == NULL)
        return damaged (error, path, _("postcode row %" G_GINT64_FORMAT " (near %s) fails its check"),
                        mid, pretty);
      order = strcmp (key, row.postcode);
      if (order == 0)
        return damaged (error, path, _("the postcode index does not find %s, which is in row %"
                                       G_GINT64_FORMAT), pretty, mid);
      if (order < 0)
        hi = mid - 1;
      else
        lo = mid + 1;
    }
  return TRUE;
}

gboolean
wa_postcode_row_count (const char *path, const char *value, gint64 *out, GError **error)
{
  if (value == NULL || !g_ascii_string_to_signed (value, 10, 0, G_MAXINT64, out, NULL))
    {
      g_set_error (error, WA_ERROR, WA_ERROR_DAMAGED,
                   _("%s: pack is damaged: it records no count of its postcode rows; "
                     "run ward-atlas-cli verify"), path);
      return FALSE;
    }
  return TRUE;
}
