/* wa-text-check.c: sanity checks on delimited text before GDAL reads it. */
#include <inttypes.h>
#include "wa-text-check.h"
#include "wa-error.h"

#include <string.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#define BLOCK_SIZE (64 * 1024)

static GInputStream *
open_text (const char *path, GError **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GFileInputStream) raw = g_file_read (file, NULL, &local_error);
  g_autoptr(GConverter) gunzip = NULL;

  if (raw == NULL)
    {
      g_set_error (error, WA_ERROR, WA_ERROR_IO, _("%s: cannot read: %s"), path, local_error->message);
      return NULL;
    }
  if (!g_str_has_suffix (path, ".gz"))
    return G_INPUT_STREAM (g_steal_pointer (&raw));
  gunzip = G_CONVERTER (g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP));
  return g_converter_input_stream_new (G_INPUT_STREAM (raw), gunzip);
}

gboolean
wa_text_check_table (const char *path, GError **error)
{
  g_autoptr(GInputStream) stream = open_text (path, error);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *block = NULL;
  gsize line_length = 0, total = 0;
  guint64 line = 1;
  gssize n;

  if (stream == NULL)
    return FALSE;
  block = g_malloc (BLOCK_SIZE);
  while ((n = g_input_stream_read (stream, block, BLOCK_SIZE, NULL, &local_error)) > 0)
    {
      if (memchr (block, '\0', (gsize) n) != NULL)
        {
          g_set_error (error, WA_ERROR, WA_ERROR_PARSE,
                       _("%s: not a text table (it holds binary data near line %" PRIu64 "); "
                         "if it is a spreadsheet, save it as CSV"), path, line);
          return FALSE;
        }
      for (const char *p = block, *end = block + n; p < end;)
        {
          const char *newline = memchr (p, '\n', (gsize) (end - p));
          gsize run = (gsize) ((newline != NULL ? newline : end) - p);

          line_length += run;
          if (line_length > WA_TEXT_MAX_LINE)
            {
              g_set_error (error, WA_ERROR, WA_ERROR_PARSE,
                           _("%s: line %" PRIu64 " is longer than %d MB; a quote may be "
                             "missing its closing partner, or this is not a table"),
                           path, line, WA_TEXT_MAX_LINE / (1024 * 1024));
              return FALSE;
            }
          if (newline == NULL)
            break;
          line++;
          line_length = 0;
          p = newline + 1;
        }
      total += (gsize) n;
    }
  if (n < 0)
    {
      g_set_error (error, WA_ERROR, WA_ERROR_IO, _("%s: cannot read: %s"), path, local_error->message);
      return FALSE;
    }
  if (total == 0)
    {
      g_set_error (error, WA_ERROR, WA_ERROR_PARSE, _("%s: the file is empty"), path);
      return FALSE;
    }
  return TRUE;
}

char *
wa_text_describe_separator (const char *path)
{
  static const char separators[] = ",;\t|:";
  g_autoptr(GInputStream) stream = open_text (path, NULL);
  g_autoptr(GDataInputStream) data = NULL;
  g_autofree char *header = NULL;
  const char *found = NULL;

  if (stream == NULL)
    return NULL;
  data = g_data_input_stream_new (stream);
  header = g_data_input_stream_read_line (data, NULL, NULL, NULL);
  if (header == NULL || !g_utf8_validate (header, -1, NULL))
    return NULL;
  for (const char *s = separators; *s != '\0'; s++)
    if (strchr (header, *s) != NULL)
      {
        found = s;
        break;
      }
  if (found == NULL)
    return g_strdup_printf (_("its first line “%.60s” has no comma, semicolon or tab between column names"),
                            header);
  if (*found == '|' || *found == ':')
    return g_strdup_printf (_("its columns seem to be separated by “%c”; save it with commas, "
                              "semicolons or tabs between columns"), *found);
  return NULL;
}
