/* wa-cli.h: the subcommands of ward-atlas-cli. Each returns the process
 * exit status: 0 success, 1 failure (message on stderr), 2 usage error. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

int wa_cli_build_pack (int argc, char **argv);   /* cli-build-pack.c */
int wa_cli_info       (int argc, char **argv);   /* cli-query.c */
int wa_cli_rank       (int argc, char **argv);   /* cli-query.c */
int wa_cli_ward       (int argc, char **argv);   /* cli-query.c */
int wa_cli_locate     (int argc, char **argv);   /* cli-query.c */
int wa_cli_assets     (int argc, char **argv);   /* cli-assets.c */

/* Shared output helpers. */
void wa_cli_json_string (GString *out, const char *text);    /* cli-query.c */
typedef struct _WaAtlas WaAtlas;
void wa_cli_print_asset_datasets (WaAtlas *atlas);           /* cli-assets.c */
int wa_cli_search     (int argc, char **argv);   /* cli-search.c */

G_END_DECLS
