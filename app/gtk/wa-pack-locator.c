/* wa-pack-locator.c: finds an edition's data pack by the file name the
 * edition table gives it, in the folders of wa-pack-locator.h. */
#include "wa-pack-locator.h"

static void
add_data_dir (GStrvBuilder *builder, const char *data_dir)
{
  g_autofree char *dir = g_build_filename (data_dir, "ward-atlas", NULL);

  g_strv_builder_add (builder, dir);
}

/* Run straight from a build tree (not through `meson devenv`), the app
 * still finds the packs that `meson compile` built beside it. */
gboolean
wa_pack_locator_running_from_build_tree (void)
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);

  return exe != NULL && g_str_has_prefix (exe, WA_BUILD_ROOT G_DIR_SEPARATOR_S);
}

GStrv
wa_pack_locator_dup_search_dirs (void)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const char *env = g_getenv ("WARD_ATLAS_PACK_DIR");
  const char * const *system_dirs = g_get_system_data_dirs ();

  if (env != NULL && *env != '\0')
    g_strv_builder_add (builder, env);
  add_data_dir (builder, g_get_user_data_dir ());
  g_strv_builder_add (builder, WA_PKGDATADIR);
  for (guint i = 0; system_dirs[i] != NULL; i++)
    add_data_dir (builder, system_dirs[i]);
  if (wa_pack_locator_running_from_build_tree ())
    g_strv_builder_add (builder, WA_BUILD_ROOT G_DIR_SEPARATOR_S "data");
  return g_strv_builder_end (builder);
}

char *
wa_pack_locator_file_name (WaEdition edition)
{
  g_return_val_if_fail ((guint) edition < WA_N_EDITIONS, NULL);

  return g_strdup (wa_edition_get_info (edition)->pack_file_name);
}

char *
wa_pack_locator_find (WaEdition edition)
{
  g_auto(GStrv) dirs = wa_pack_locator_dup_search_dirs ();
  g_autofree char *name = wa_pack_locator_file_name (edition);

  for (guint i = 0; dirs[i] != NULL; i++)
    {
      g_autofree char *path = g_build_filename (dirs[i], name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        return g_steal_pointer (&path);
    }
  return NULL;
}

gboolean
wa_pack_locator_find_newest (WaEdition *out_edition, char **out_path)
{
  for (int e = wa_edition_newest (); e >= 0; e--)
    {
      char *path = wa_pack_locator_find ((WaEdition) e);

      if (path != NULL)
        {
          *out_edition = (WaEdition) e;
          *out_path = path;
          return TRUE;
        }
    }
  return FALSE;
}
