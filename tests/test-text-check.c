/* test-text-check.c: the pass over a delimited text file before GDAL
 * reads it: tables people save from spreadsheets pass; empty, binary and
 * runaway-line files fail with a message naming the file and line, also
 * inside gzip; a header with an unusual separator gets a sentence that
 * says which one it seems to use. */
#include <string.h>

#include "wa-text-check.h"
#include "wa-test-fixtures.h"

static char *
write_bytes (WaTestDir *f, const char *name, const char *bytes, gsize len)
{
  char *path = g_build_filename (f->path, name, NULL);

  g_assert_true (g_file_set_contents (path, bytes, (gssize) len, NULL));
  return path;
}

/* Writes text gzip-compressed to dir/name; returns the path. */
static char *
write_gzip (WaTestDir *f, const char *name, const char *bytes, gsize len)
{
  g_autoptr(GZlibCompressor) gzip = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, -1);
  g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autoptr(GOutputStream) out = g_converter_output_stream_new (memory, G_CONVERTER (gzip));
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (f->path, name, NULL);

  g_assert_true (g_output_stream_write_all (out, bytes, len, NULL, NULL, &error));
  g_assert_true (g_output_stream_close (out, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (path,
                                      g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (memory)),
                                      (gssize) g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (memory)),
                                      NULL));
  return path;
}

static void
assert_parse_error (const char *path, const char *reason)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (wa_text_check_table (path, &error));
  g_assert_error (error, WA_ERROR, WA_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, path));
  if (strstr (error->message, reason) == NULL)
    g_error ("“%s” not in “%s”", reason, error->message);
}

static void
test_good_tables (WaTestDir *f, gconstpointer data)
{
  const char csv[] = "code,name\r\nE05000001,\"One, with a comma\"\r\nE05000002,Two";
  g_autofree char *plain = write_bytes (f, "wards.csv", csv, strlen (csv));
  g_autofree char *packed = write_gzip (f, "wards.csv.gz", csv, strlen (csv));
  g_autofree char *one_byte = write_bytes (f, "one.csv", "x", 1);
  g_autoptr(GError) error = NULL;

  g_assert_true (wa_text_check_table (plain, &error));
  g_assert_no_error (error);
  g_assert_true (wa_text_check_table (packed, &error));
  g_assert_no_error (error);
  g_assert_true (wa_text_check_table (one_byte, &error));
  g_assert_no_error (error);
}

static void
test_empty (WaTestDir *f, gconstpointer data)
{
  g_autofree char *empty = write_bytes (f, "empty.csv", "", 0);
  g_autofree char *empty_gz = write_gzip (f, "empty.csv.gz", "", 0);

  assert_parse_error (empty, "the file is empty");
  assert_parse_error (empty_gz, "the file is empty");
}

/* A NUL byte is a spreadsheet or other binary saved under a .csv name;
 * the message names the line it was found near. */
static void
test_binary (WaTestDir *f, gconstpointer data)
{
  const char bytes[] = "code,name\nE05000001,One\nPK\0\3\4";
  g_autofree char *path = write_bytes (f, "book.csv", bytes, sizeof bytes - 1);
  g_autofree char *packed = write_gzip (f, "book.csv.gz", bytes, sizeof bytes - 1);

  assert_parse_error (path, "binary data near line");
  assert_parse_error (path, "save it as CSV");
  assert_parse_error (packed, "binary data");
}

/* A line just at the limit passes; one byte more fails and names the
 * line, even when the line spans several read blocks. */
static void
test_line_limit (WaTestDir *f, gconstpointer data)
{
  gsize len = 2 + WA_TEXT_MAX_LINE + 1 + 1;
  g_autofree char *text = g_malloc (len + 1);
  g_autofree char *at_limit = NULL, *over = NULL, *over_gz = NULL;
  g_autoptr(GError) error = NULL;

  memcpy (text, "a\n", 2);
  memset (text + 2, 'x', WA_TEXT_MAX_LINE);
  memcpy (text + 2 + WA_TEXT_MAX_LINE, "\nb", 2);
  text[len] = '\0';
  at_limit = write_bytes (f, "at-limit.csv", text, len);
  g_assert_true (wa_text_check_table (at_limit, &error));
  g_assert_no_error (error);

  text[2 + WA_TEXT_MAX_LINE] = 'x';
  over = write_bytes (f, "over.csv", text, len);
  assert_parse_error (over, "line 2 is longer than 1 MB");
  over_gz = write_gzip (f, "over.csv.gz", text, len);
  assert_parse_error (over_gz, "line 2 is longer than 1 MB");
}

static void
test_unreadable (WaTestDir *f, gconstpointer data)
{
  g_autofree char *missing = g_build_filename (f->path, "missing.csv", NULL);
  g_autofree char *not_gzip = write_bytes (f, "plain.csv.gz", "code,name\n", 10);
  g_autoptr(GError) error = NULL;

  g_assert_false (wa_text_check_table (missing, &error));
  g_assert_error (error, WA_ERROR, WA_ERROR_IO);
  g_assert_nonnull (strstr (error->message, missing));
  g_clear_error (&error);
  /* A .gz name on a file that is not compressed fails while reading. */
  g_assert_false (wa_text_check_table (not_gzip, &error));
  g_assert_error (error, WA_ERROR, WA_ERROR_IO);
  g_assert_nonnull (strstr (error->message, not_gzip));
  g_assert_null (wa_text_describe_separator (missing));
}

static void
test_separator (WaTestDir *f, gconstpointer data)
{
  const struct { const char *header; const char *sentence; } cases[] = {
    { "code,name\n1,2\n", NULL },
    { "code;name\n1;2\n", NULL },
    { "code\tname\n1\t2\n", NULL },
    { "code|name\n1|2\n", "its columns seem to be separated by “|”" },
    { "code:name\n1:2\n", "its columns seem to be separated by “:”" },
    /* A comma anywhere in the header is taken for the separator. */
    { "code,na|me\n", NULL },
    { "code name\n1 2\n", "its first line “code name” has no comma, semicolon or tab" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("table-%u.csv", i);
      g_autofree char *path = write_bytes (f, name, cases[i].header, strlen (cases[i].header));
      g_autofree char *got = wa_text_describe_separator (path);

      if (cases[i].sentence == NULL)
        g_assert_null (got);
      else
        {
          g_assert_nonnull (got);
          g_assert_true (g_str_has_prefix (got, cases[i].sentence));
        }
    }
  {
    /* Inside gzip too; and a header that is not UTF-8 gets no guess. */
    g_autofree char *packed = write_gzip (f, "pipes.csv.gz", "a|b\n", 4);
    g_autofree char *latin1 = write_bytes (f, "latin1.csv", "caf\xe9|b\n", 7);
    g_autofree char *got = wa_text_describe_separator (packed);

    g_assert_nonnull (got);
    g_assert_nonnull (strstr (got, "“|”"));
    g_assert_null (wa_text_describe_separator (latin1));
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, fn) g_test_add (path, WaTestDir, NULL, wa_test_dir_set_up, fn, wa_test_dir_tear_down)
  ADD ("/text-check/good-tables", test_good_tables);
  ADD ("/text-check/empty", test_empty);
  ADD ("/text-check/binary", test_binary);
  ADD ("/text-check/line-limit", test_line_limit);
  ADD ("/text-check/unreadable", test_unreadable);
  ADD ("/text-check/separator", test_separator);
#undef ADD
  return g_test_run ();
}
