/* test-output-path.c: outputs go only to regular files or new paths, never
 * over an input of the same command, and replace a file of another kind
 * only with force. */
#include "wa-test-fixtures.h"
#include "wa-output-path.h"

#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct {
  char *dir;
} Fixture;

static void
set_up (Fixture *f, gconstpointer data)
{
  f->dir = wa_test_tmpdir_new ();
}

static void
tear_down (Fixture *f, gconstpointer data)
{
  wa_test_tmpdir_free (g_steal_pointer (&f->dir));
}

static char *
write_bytes (Fixture *f, const char *name, const char *bytes, gsize length)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (f->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, bytes, length, &error));
  return path;
}

static void
assert_refused (const char *path, WaOutputKind kind, const char *const *inputs, gboolean force,
                const char *message_part)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (wa_output_path_check (path, kind, inputs, force, &error));
  g_assert_error (error, WA_ERROR, WA_ERROR_IO);
  g_assert_nonnull (strstr (error->message, path));
  if (strstr (error->message, message_part) == NULL)
    g_error ("“%s” does not say “%s”", error->message, message_part);
}

static void
assert_allowed (const char *path, WaOutputKind kind, const char *const *inputs, gboolean force)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (wa_output_path_check (path, kind, inputs, force, &error));
  g_assert_no_error (error);
}

static void
test_new_path (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "new.csv", NULL);

  assert_allowed (path, WA_OUTPUT_TEXT, NULL, FALSE);
}

static void
test_special_files (Fixture *f, gconstpointer data)
{
  g_autofree char *fifo = g_build_filename (f->dir, "pipe", NULL);

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  /* Not even with force: renaming over them replaces the node. */
  assert_refused (fifo, WA_OUTPUT_TEXT, NULL, TRUE, "named pipe");
  assert_refused ("/dev/full", WA_OUTPUT_PACK, NULL, TRUE, "a device");
  assert_refused (f->dir, WA_OUTPUT_PDF, NULL, TRUE, "a folder");
}

static void
test_input_is_output (Fixture *f, gconstpointer data)
{
  g_autofree char *csv = write_bytes (f, "imd.csv", "code,score\nE01,1\n", 17);
  g_autofree char *other = g_build_filename (f->dir, ".", "imd.csv", NULL);
  const char *inputs[] = { "/nonexistent/manifest", other, NULL };

  /* The same file by another spelling, with force. */
  assert_refused (csv, WA_OUTPUT_PACK, inputs, TRUE, "is an input of this command");
}

static void
test_kinds (Fixture *f, gconstpointer data)
{
  static const char gpkg[100] = "SQLite format 3\0....................................................GPKG";
  static const char sqlite_db[100] = "SQLite format 3";
  g_autofree char *csv = write_bytes (f, "a.csv", "a,b\n1,2\n", 8);
  g_autofree char *pack = write_bytes (f, "a.gpkg", gpkg, sizeof gpkg);
  g_autofree char *db = write_bytes (f, "a.db", sqlite_db, sizeof sqlite_db);
  g_autofree char *pdf = write_bytes (f, "a.pdf", "%PDF-1.5\n", 9);
  g_autofree char *png = write_bytes (f, "a.png", "\x89PNG\r\n\x1a\n\0\0", 10);
  g_autofree char *empty = write_bytes (f, "empty", "", 0);
  g_autofree char *binary = write_bytes (f, "a.bin", "ab\0cd", 5);
  g_autofree char *described = wa_output_path_describe (db);

  g_assert_cmpstr (described, ==, "an SQLite database");
  assert_allowed (pack, WA_OUTPUT_PACK, NULL, FALSE);
  assert_allowed (pdf, WA_OUTPUT_PDF, NULL, FALSE);
  assert_allowed (png, WA_OUTPUT_PNG, NULL, FALSE);
  assert_allowed (csv, WA_OUTPUT_TEXT, NULL, FALSE);
  assert_allowed (empty, WA_OUTPUT_PACK, NULL, FALSE);

  assert_refused (csv, WA_OUTPUT_PACK, NULL, FALSE, "exists and is a text file, not a data pack; use --force");
  assert_refused (db, WA_OUTPUT_PACK, NULL, FALSE, "is an SQLite database, not a data pack");
  assert_refused (pack, WA_OUTPUT_TEXT, NULL, FALSE, "is a GeoPackage, not a text file");
  assert_refused (png, WA_OUTPUT_PDF, NULL, FALSE, "is a PNG image, not a PDF document");
  assert_refused (binary, WA_OUTPUT_PNG, NULL, FALSE, "is a binary file, not a PNG image");
  assert_allowed (csv, WA_OUTPUT_PACK, NULL, TRUE);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, set_up, fn, tear_down)
  ADD ("/output-path/new-path", test_new_path);
  ADD ("/output-path/special-files", test_special_files);
  ADD ("/output-path/input-is-output", test_input_is_output);
  ADD ("/output-path/kinds", test_kinds);
#undef ADD
  return g_test_run ();
}
