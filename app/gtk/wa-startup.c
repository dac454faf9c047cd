/* wa-startup.c: what a program running the Ward Atlas application sets up
 * before GTK starts: the heaps, the locale and translations, the settings
 * schema of a build tree, and the renderer. Shared by ward-atlas and the
 * benchmark's copy of the app, so that both start the same way. */
#include <locale.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n.h>

#include "wa-heap.h"
#include "wa-pack-locator.h"
#include "wa-startup.h"

#ifdef __linux__
/* Whether Mesa or NVIDIA's driver has a GPU to render on here. */
static gboolean
has_gpu_device (void)
{
  g_autoptr(GDir) dir = g_dir_open ("/dev/dri", 0, NULL);
  const char *name;

  if (g_file_test ("/dev/nvidiactl", G_FILE_TEST_EXISTS))
    return TRUE;
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename ("/dev/dri", name, NULL);

      if (g_str_has_prefix (name, "renderD") && access (path, R_OK | W_OK) == 0)
        return TRUE;
    }
  return FALSE;
}
#endif

#ifdef __linux__
/* GTK 4.8 opens GL when it opens the display (to choose an X visual) even
 * when it renders with cairo: on Mesa's software rasteriser that maps
 * libLLVM and swrast, 50 of the app's 270 MB of peak RSS at launch
 * (bench/, Xvfb, /proc/self/smaps at the first map frame). When we chose
 * cairo, nothing uses GL, so GDK is told not to open it. */
static void
disable_gl (void)
{
  const char *debug = g_getenv ("GDK_DEBUG");
  g_autofree char *value = NULL;

  if (debug != NULL && strstr (debug, "gl-disable") != NULL)
    return;
  value = debug != NULL && debug[0] != '\0' ? g_strconcat (debug, ",gl-disable", NULL)
                                            : g_strdup ("gl-disable");
  g_setenv ("GDK_DEBUG", value, TRUE);
}
#endif

/* Without a GPU, GTK 4.8's GL renderer runs on Mesa's software rasteriser
 * (llvmpipe), which made every ranking-table frame 40-50 ms slower and the
 * first map frame 0.3 s later than GTK's cairo renderer (bench/, under
 * Xvfb). So with no GPU device, cairo, unless the user chose a renderer.
 * Set before GTK starts and before any thread reads the environment. */
static void
choose_renderer (void)
{
#ifdef __linux__
  if (g_getenv ("GSK_RENDERER") != NULL)
    return;
  if (has_gpu_device () && g_strcmp0 (g_getenv ("LIBGL_ALWAYS_SOFTWARE"), "1") != 0)
    return;
  g_setenv ("GSK_RENDERER", "cairo", TRUE);
  disable_gl ();
#endif
}

void
wa_startup_prepare (void)
{
  wa_heap_share_arenas ();
  setlocale (LC_ALL, "");
  /* From a build tree, the translations meson compiled there. */
  bindtextdomain (GETTEXT_PACKAGE, wa_pack_locator_running_from_build_tree ()
                                   ? WA_BUILD_ROOT G_DIR_SEPARATOR_S "po" : WA_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* From a build tree, use the settings schema compiled there unless the
   * environment (meson devenv, tests) already says where it is. */
  if (wa_pack_locator_running_from_build_tree () && g_getenv ("GSETTINGS_SCHEMA_DIR") == NULL)
    g_setenv ("GSETTINGS_SCHEMA_DIR", WA_BUILD_ROOT G_DIR_SEPARATOR_S "data", TRUE);

  choose_renderer ();
}
