/* wa-application.c */
#include <glib/gi18n.h>

#include "wa-application.h"
#include "wa-build-slot.h"
#include "wa-format.h"
#include "wa-launch-target.h"
#include "wa-preferences-window.h"
#include "wa-rank-method-button.h"
#include "wa-window.h"

/* At most this long, should the first frame never come (as the assets'
 * read waits at most a second: wa_atlas_start_assets). */
#define FIRST_FRAME_HOLD_MS 1000

struct _WaApplication
{
  AdwApplication parent_instance;

  char *pack_path;

  /* The pack is opened while GTK starts up: it takes as long. */
  gboolean preload_at_startup;
  gboolean preloading;
  WaAtlas *preloaded;
  char *preload_error;
  char *preload_path;              /* offered to "Verify" if it fails */
  WaWindow *first_window;   /* weak */
};

G_DEFINE_FINAL_TYPE (WaApplication, wa_application, ADW_TYPE_APPLICATION)

static const GOptionEntry options[] = {
  { "pack", 'p', 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Open the data pack FILE instead of the newest one found"), N_("FILE") },
  { "ward", 'w', 0, G_OPTION_ARG_STRING, NULL,
    N_("Open at the ward with this code (for example E05000027)"), N_("CODE") },
  { "postcode", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Open at the ward that holds this postcode"), N_("POSTCODE") },
  { NULL }
};

static void
deliver_preload (WaApplication *self)
{
  if (self->first_window == NULL || self->preloading)
    return;
  if (self->preloaded != NULL)
    wa_window_set_atlas (self->first_window, self->preloaded);
  else if (self->preload_error != NULL)
    wa_window_show_pack_open_error (self->first_window, self->preload_path, self->preload_error);
  g_clear_object (&self->preloaded);
  g_clear_pointer (&self->preload_error, g_free);
  g_clear_pointer (&self->preload_path, g_free);
}

static void
preload_done (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr(WaApplication) self = data;
  g_autoptr(GError) error = NULL;

  self->preloaded = wa_atlas_open_progressive_finish (result, &error);
  if (self->preloaded == NULL)
    self->preload_error = g_strdup (error->message);
  self->preloading = FALSE;
  deliver_preload (self);
}

static void
start_preload (WaApplication *self)
{
  g_autoptr(GSettings) settings = g_settings_new (WA_APP_ID);
  g_autofree char *path = NULL;
  WaRankParams by_edition[WA_N_EDITIONS];

  path = self->pack_path != NULL ? g_strdup (self->pack_path) : wa_window_find_default_pack (settings);
  if (path == NULL)
    return;
  self->preloading = TRUE;
  g_free (self->preload_path);
  self->preload_path = g_strdup (path);
  /* The map's background builds (band fills, boundary lines) wait for
   * the first frame, which the window's map-ready releases. */
  wa_build_slot_hold_background (FIRST_FRAME_HOLD_MS);
  /* Ranked as the window will show it, so that it need not rank it again. */
  wa_rank_params_from_settings_all (settings, by_edition);
  wa_atlas_open_progressive_async (path, by_edition, NULL, preload_done, g_object_ref (self));
}

static char *
pack_option (GVariantDict *dict, const char *cwd)
{
  g_autofree char *pack = NULL;
  g_autoptr(GFile) file = NULL;

  if (!g_variant_dict_lookup (dict, "pack", "^ay", &pack))
    return NULL;
  file = g_file_new_for_commandline_arg_and_cwd (pack, cwd);
  return g_file_get_path (file);
}

/* Runs in the process that was started. Only the primary instance opens
 * the pack early; a second `ward-atlas` hands its options to the primary
 * (see command_line) and exits. */
static int
wa_application_handle_local_options (GApplication *app, GVariantDict *dict)
{
  WaApplication *self = WA_APPLICATION (app);
  g_autoptr(GError) error = NULL;
  g_autofree char *cwd = g_get_current_dir ();

  if (g_variant_dict_contains (dict, "ward") && g_variant_dict_contains (dict, "postcode"))
    {
      g_printerr ("%s\n", _("Give either --ward or --postcode, not both."));
      return 2;
    }
  /* The pack is opened from startup, which only the primary instance
   * runs, before GTK starts. */
  self->pack_path = pack_option (dict, cwd);
  self->preload_at_startup = TRUE;
  if (!g_application_register (app, NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  if (g_application_get_is_remote (app))
    g_clear_pointer (&self->pack_path, g_free);
  return -1;
}

static void
wa_application_activate (GApplication *app)
{
  WaApplication *self = WA_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }

  window = GTK_WINDOW (wa_window_new (GTK_APPLICATION (app)));
  gtk_window_present (window);
  if (self->first_window == NULL && (self->preloading || self->preloaded || self->preload_error))
    {
      self->first_window = WA_WINDOW (window);
      g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &self->first_window);
      wa_window_show_loading (self->first_window);
      deliver_preload (self);
    }
  else if (self->pack_path != NULL)
    wa_window_open_pack (WA_WINDOW (window), self->pack_path);
  else
    wa_window_open_default (WA_WINDOW (window));
}

/* Runs in the primary instance, for its own command line or one
 * forwarded from a later `ward-atlas --ward ...`. */
static int
wa_application_command_line (GApplication *app, GApplicationCommandLine *command_line)
{
  GVariantDict *dict = g_application_command_line_get_options_dict (command_line);
  g_autofree char *pack = pack_option (dict, g_application_command_line_get_cwd (command_line));
  const char *ward = NULL, *postcode = NULL;
  GtkWindow *window;

  g_variant_dict_lookup (dict, "ward", "&s", &ward);
  g_variant_dict_lookup (dict, "postcode", "&s", &postcode);

  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_application_activate (app);
  /* A running window switches to a pack named on a later command line. */
  if (window != NULL && WA_IS_WINDOW (window) && pack != NULL)
    {
      WaAtlas *atlas = wa_window_get_atlas (WA_WINDOW (window));

      if (atlas == NULL || g_strcmp0 (wa_atlas_get_path (atlas), pack) != 0)
        wa_window_open_pack (WA_WINDOW (window), pack);
    }
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  if (WA_IS_WINDOW (window) && (ward != NULL || postcode != NULL))
    wa_launch_target_apply (WA_WINDOW (window), ward, postcode);
  return 0;
}

/* The data sources under Credits as well as Legal: Credits is where
 * people look for who made what they see. */
static void
add_data_credits (AdwAboutWindow *about, GPtrArray *sources)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_auto(GStrv) people = NULL;

  for (guint i = 0; i < sources->len; i++)
    {
      const WaSourceInfo *source = g_ptr_array_index (sources, i);
      g_autofree char *entry = NULL;

      if (source->title == NULL || !g_hash_table_add (seen, source->title))
        continue;
      /* "Title (Publisher) https://…": the About window links the address. */
      entry = g_strdup_printf ("%s (%s)%s%s", source->title,
                               source->publisher ? source->publisher : _("publisher not stated"),
                               source->url ? " " : "", source->url ? source->url : "");
      g_strv_builder_add (builder, entry);
    }
  people = g_strv_builder_end (builder);
  if (people[0] != NULL)
    adw_about_window_add_credit_section (about, _("Data Sources"), (const char **) people);
}

static void
add_data_sections (AdwAboutWindow *about, WaAtlas *atlas)
{
  GPtrArray *sources = wa_atlas_get_sources (atlas);

  add_data_credits (about, sources);

  for (guint i = 0; i < sources->len; i++)
    {
      const WaSourceInfo *source = g_ptr_array_index (sources, i);
      g_autofree char *licence = g_markup_printf_escaped ("%s\n<a href=\"%s\">%s</a>",
                                                          source->licence ? source->licence : "",
                                                          source->url ? source->url : "",
                                                          source->publisher ? source->publisher : "");

      adw_about_window_add_legal_section (about, source->title, source->attribution,
                                          GTK_LICENSE_CUSTOM, licence);
    }
}

static void
about_action (GSimpleAction *action, GVariant *parameter, gpointer data)
{
  GtkApplication *app = data;
  GtkWindow *window = gtk_application_get_active_window (app);
  AdwAboutWindow *about;
  const char *developers[] = { "Ward Atlas contributors", NULL };

  about = ADW_ABOUT_WINDOW (adw_about_window_new ());
  adw_about_window_set_application_name (about, _("Ward Atlas"));
  adw_about_window_set_application_icon (about, WA_APP_ID);
  adw_about_window_set_version (about, WA_VERSION);
  adw_about_window_set_developers (about, developers);
  adw_about_window_set_license_type (about, GTK_LICENSE_GPL_3_0);
  adw_about_window_set_comments (about,
    _("Maps England’s wards by combined need on the Index of Multiple Deprivation and the "
      "Community Needs Index, to find the “left behind” neighbourhoods and the social "
      "infrastructure they lack. Works fully offline."));
  /* Translators: credit the open data; each source's licence follows. */
  adw_about_window_set_copyright (about,
    _("Contains OS data © Crown copyright and database right. Contains National Statistics "
      "data © Crown copyright and database right. Contains public sector information "
      "licensed under the Open Government Licence v3.0. Community Needs Index © OCSI, "
      "published without a stated data licence."));
  if (WA_IS_WINDOW (window) && wa_window_get_atlas (WA_WINDOW (window)) != NULL)
    {
      WaAtlas *atlas = wa_window_get_atlas (WA_WINDOW (window));
      g_autofree char *built = wa_format_date (wa_atlas_get_metadata (atlas, "build_date"));
      g_autofree char *pack = NULL;
      g_autofree char *comments = NULL;

      /* Translators: the open pack: its edition, then the date it was built. */
      if (built != NULL)
        pack = g_strdup_printf (_("Data pack: %s, built %s."),
                                wa_edition_describe (wa_atlas_get_edition (atlas)), built);
      else
        pack = g_strdup_printf (_("Data pack: %s, build date unknown."),
                                wa_edition_describe (wa_atlas_get_edition (atlas)));
      comments = g_strconcat (adw_about_window_get_comments (about), "\n\n", pack, NULL);
      adw_about_window_set_comments (about, comments);
      adw_about_window_set_debug_info (about, wa_atlas_get_path (atlas));
      add_data_sections (about, atlas);
    }
  if (window != NULL)
    gtk_window_set_transient_for (GTK_WINDOW (about), window);
  gtk_window_present (GTK_WINDOW (about));
}

static void
preferences_action (GSimpleAction *action, GVariant *parameter, gpointer data)
{
  GtkApplication *app = data;
  GtkWindow *window = gtk_application_get_active_window (app);
  g_autoptr(GSettings) settings = g_settings_new (WA_APP_ID);

  gtk_window_present (GTK_WINDOW (wa_preferences_window_new (window, settings)));
}

static gpointer
ref_window (gconstpointer window, gpointer data)
{
  return g_object_ref ((gpointer) window);
}

static void
quit_action (GSimpleAction *action, GVariant *parameter, gpointer data)
{
  GtkApplication *app = data;
  /* A closed window leaves the application's list at once (freeing its
   * node), so walk a copy that holds each window until the end. */
  GList *windows = g_list_copy_deep (gtk_application_get_windows (app), ref_window, NULL);

  /* Close rather than quit, so windows save their state. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
  g_list_free_full (windows, g_object_unref);
}

static const GActionEntry app_entries[] = {
  { .name = "about", .activate = about_action },
  { .name = "preferences", .activate = preferences_action },
  { .name = "quit", .activate = quit_action },
};

/* Every accelerator of the app but the editions' (which come from the
 * edition table), in one place; the Keyboard Shortcuts window
 * (ui/help-overlay.ui) lists the same. Some actions belong to
 * features that may be absent: an accelerator for a missing action does
 * nothing. */
static const struct {
  const char *action;
  const char *accels[3];
} accels[] = {
  { "app.quit", { "<Control>q", NULL } },
  { "app.preferences", { "<Control>comma", NULL } },
  { "win.show-help-overlay", { "<Control>question", NULL } },
  { "win.open-pack", { "<Control>o", NULL } },
  { "win.import-list", { "<Control>i", NULL } },
  { "win.search", { "<Control>f", NULL } },
  { "win.toggle-table", { "<Control>t", NULL } },
  { "win.print", { "<Control>p", NULL } },
  { "win.export-briefing", { "<Control>e", NULL } },
  { "win.toggle-panel", { "F9", NULL } },
  { "win.draw-area", { "<Control>d", NULL } },
};

static void
wa_application_startup (GApplication *app)
{
  WaApplication *self = WA_APPLICATION (app);

  /* Reading the pack takes as long as GTK's start-up (whose wait for the
   * desktop portal and accessibility bus is most of its time): start it
   * first, in a worker thread, so that the two overlap. Only when run
   * from a command line (handle_local_options), and only here, as startup
   * only runs in the primary instance: a second `ward-atlas` forwards its
   * options and exits without reading the pack. */
  if (self->preload_at_startup)
    {
      self->preload_at_startup = FALSE;
      start_preload (self);
    }
  G_APPLICATION_CLASS (wa_application_parent_class)->startup (app);

  gtk_window_set_default_icon_name (WA_APP_ID);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_entries,
                                   G_N_ELEMENTS (app_entries), app);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (app), accels[i].action,
                                           accels[i].accels);
  for (WaEdition e = 0; e < WA_N_EDITIONS; e++)
    {
      const WaEditionInfo *info = wa_edition_get_info (e);
      const char *edition_accels[] = { info->accelerator, NULL };
      g_autofree char *action = g_strdup_printf ("win.edition('%s')", info->id);

      gtk_application_set_accels_for_action (GTK_APPLICATION (app), action, edition_accels);
    }
}

static GtkWidget *
find_by_buildable_id (GtkWidget *widget, const char *id)
{
  if (g_strcmp0 (gtk_buildable_get_buildable_id (GTK_BUILDABLE (widget)), id) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_by_buildable_id (child, id);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The shortcuts window lists one shortcut per edition, after the group's
 * title, in the table's order. GTK 4.8 has no call to add a shortcut to a
 * group, so this does what GtkBuilder does for a <child>. */
static void
add_edition_shortcuts (GtkShortcutsWindow *overlay)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new ();
  GtkWidget *group = find_by_buildable_id (GTK_WIDGET (overlay), "edition_shortcuts");
  GtkWidget *previous, *section;
  guint max_height;

  g_return_if_fail (GTK_IS_SHORTCUTS_GROUP (group));

  previous = gtk_widget_get_first_child (group);
  for (WaEdition e = 0; e < WA_N_EDITIONS; e++)
    {
      const WaEditionInfo *info = wa_edition_get_info (e);
      GtkWidget *shortcut = g_object_new (GTK_TYPE_SHORTCUTS_SHORTCUT,
                                          "title", _(info->label),
                                          "accelerator", info->accelerator,
                                          NULL);

      GTK_BUILDABLE_GET_IFACE (group)->add_child (GTK_BUILDABLE (group), builder,
                                                  G_OBJECT (shortcut), NULL);
      gtk_box_reorder_child_after (GTK_BOX (group), shortcut, previous);
      previous = shortcut;
    }

  /* The section shares its groups out between columns as they are added
   * and again only when its max-height changes: say it twice, so that
   * the taller group moves the ones after it as the .ui file would. */
  section = gtk_widget_get_ancestor (group, GTK_TYPE_SHORTCUTS_SECTION);
  g_object_get (section, "max-height", &max_height, NULL);
  g_object_set (section, "max-height", max_height + 1, NULL);
  g_object_set (section, "max-height", max_height, NULL);
}

static void
wa_application_window_added (GtkApplication *app, GtkWindow *window)
{
  GtkShortcutsWindow *overlay;

  /* Chaining up gives the window its shortcuts window. */
  GTK_APPLICATION_CLASS (wa_application_parent_class)->window_added (app, window);
  if (GTK_IS_APPLICATION_WINDOW (window)
      && (overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window))))
    add_edition_shortcuts (overlay);
}

static void
wa_application_finalize (GObject *object)
{
  WaApplication *self = WA_APPLICATION (object);

  g_free (self->pack_path);
  g_clear_object (&self->preloaded);
  g_free (self->preload_error);
  g_free (self->preload_path);
  G_OBJECT_CLASS (wa_application_parent_class)->finalize (object);
}

static void
wa_application_class_init (WaApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);
  GtkApplicationClass *gtk_app_class = GTK_APPLICATION_CLASS (klass);

  object_class->finalize = wa_application_finalize;
  app_class->activate = wa_application_activate;
  app_class->startup = wa_application_startup;
  app_class->handle_local_options = wa_application_handle_local_options;
  app_class->command_line = wa_application_command_line;
  gtk_app_class->window_added = wa_application_window_added;
}

static void
wa_application_init (WaApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), options);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), "");
  g_application_set_option_context_summary (G_APPLICATION (self),
    _("Maps England’s wards by combined deprivation and community need."));
}

WaApplication *
wa_application_new (void)
{
  return g_object_new (WA_TYPE_APPLICATION,
                       "application-id", WA_APP_ID,
                       "flags", G_APPLICATION_HANDLES_COMMAND_LINE,
                       "resource-base-path", "/io/github/wardatlas/WardAtlas",
                       NULL);
}
