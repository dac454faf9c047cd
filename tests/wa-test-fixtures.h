/* wa-test-fixtures.h: small data written in code for unit tests. */
#pragma once

#include "ward-atlas-core.h"

G_BEGIN_DECLS

/* A temporary folder for one test, removed by wa_test_tmpdir_free. */
char *wa_test_tmpdir_new (void);
void  wa_test_tmpdir_free (char *path);

/* Writes text to dir/name; returns the full path (g_free). */
char *wa_test_write_file (const char *dir, const char *name, const char *contents);

/* Declared by the helpers that own them (see wa-test-fixtures.c). */

G_END_DECLS
