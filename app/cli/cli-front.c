/* cli-front.c: how ward-atlas-cli, the front (see ward-atlas-cli.c), hands
 * a command to ward-atlas-cli-full: the arguments exactly as given, in this
 * same process (execv), so that what the user sees (output, messages, exit
 * status) is the full CLI's own. Also the front's wa_cli_open_atlas: where
 * the shared commands (cli-lookup.c) would open the whole pack, because
 * the lazy model cannot answer (a pack not yet verified, --full-model),
 * the full CLI runs the whole command instead.
 *
 * The full CLI is looked for beside the front (the build tree), then at
 * the installed libexecdir relative to the front's own folder (so that a
 * copy installed with DESTDIR, or a moved prefix, finds its own), then at
 * the libexecdir of the configured prefix. */
#include "wa-cli.h"

#include <glib/gi18n-lib.h>
#include <errno.h>
#include <malloc.h>
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

#define FULL_CLI_NAME "ward-atlas-cli-full"

static char **kept_argv;

void
wa_cli_front_keep_arguments (char **argv)
{
  kept_argv = g_strdupv (argv);
}

/* The lazy model builds every ward of the pack (7,500 objects, ~9 MB), and
 * each first touch of a 4 KB page is a page fault: ~2,300 of them, at
 * ~8 µs each on a virtual machine, a quarter of a one-off command's CPU
 * time. So the heap grows once, by HEAP_STEP, marked for transparent huge
 * pages (as glibc's glibc.malloc.hugetlb=1 tunable does), and is never
 * trimmed: ~520 faults in all instead of ~2,500 (perf stat). Where the
 * kernel gives no huge pages on request, or under a sanitizer's own
 * allocator, this changes nothing. */
void
wa_cli_front_prepare_heap (void)
{
  enum { HEAP_STEP = 32 << 20, HUGE_PAGE = 2 << 20 };
  guintptr start, end;
  void *first;

  mallopt (M_MMAP_THRESHOLD, 4 << 20);
  mallopt (M_TRIM_THRESHOLD, 2 * HEAP_STEP);
  mallopt (M_TOP_PAD, HEAP_STEP);
  start = (guintptr) sbrk (0);
  /* Grows the heap by itself and HEAP_STEP (volatile: a malloc and free
   * of an unused block is otherwise optimised away). */
  first = malloc (1 << 20);
  if (first != NULL)
    *(volatile char *) first = 0;
  end = (guintptr) sbrk (0);
  free (first);
  start = (start + HUGE_PAGE - 1) & ~(guintptr) (HUGE_PAGE - 1);
  if (end > start)
    madvise ((void *) start, end - start, MADV_HUGEPAGE);
}

/* The first of the candidate paths that is an executable file, or NULL. */
static char *
find_full_cli (GString *tried)
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *dir = self != NULL ? g_path_get_dirname (self) : NULL;
  g_autofree char *beside = dir != NULL ? g_build_filename (dir, FULL_CLI_NAME, NULL) : NULL;
  /* "" when bindir or libexecdir is an absolute path. */
  g_autofree char *relative = dir != NULL && *WA_CLI_FULL_FROM_BINDIR != '\0'
                              ? g_build_filename (dir, WA_CLI_FULL_FROM_BINDIR, NULL) : NULL;
  const char *candidates[] = { beside, relative, WA_CLI_FULL_PATH };

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      if (candidates[i] == NULL)
        continue;
      if (g_file_test (candidates[i], G_FILE_TEST_IS_REGULAR)
          && g_file_test (candidates[i], G_FILE_TEST_IS_EXECUTABLE))
        return g_strdup (candidates[i]);
      g_string_append_printf (tried, "%s%s", tried->len > 0 ? ", " : "", candidates[i]);
    }
  return NULL;
}

int
wa_cli_front_exec_full (void)
{
  g_autoptr(GString) tried = g_string_new (NULL);
  g_autofree char *path = find_full_cli (tried);

  if (path == NULL)
    {
      g_printerr (_("ward-atlas-cli: cannot find %s, which runs this command (looked for %s)\n"),
                  FULL_CLI_NAME, tried->str);
      return 1;
    }
  fflush (stdout);
  fflush (stderr);
  execv (path, kept_argv);
  g_printerr (_("ward-atlas-cli: cannot run %s: %s\n"), path, g_strerror (errno));
  return 1;
}

WaAtlas *
wa_cli_open_atlas (const char *path)
{
  wa_cli_front_exec_full ();
  return NULL;
}
