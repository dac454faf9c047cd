/* wa-build-slot.h: a value made on first use, either in the calling
 * thread (wa_build_slot_get) or, for a tile that must not wait, by one
 * background thread shared by all owners (wa_build_slot_try). The map
 * style keeps its band fills in slots and the atlas's caches
 * (wa-atlas-caches.h) their boundary lines and motorway covers.
 * Render-layer use only, but for the background hold and release, which
 * the app's launch uses. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* One value, guarded by the lock of the order that names it. */
typedef struct {
  gpointer made;
  gboolean done;       /* made; made may still be NULL (a cover of no lines) */
  gboolean queued;     /* asked of the background thread */
} WaBuildSlot;

/* Makes the value of the slot at (row, column) of the owner's table;
 * NULL is a value too. */
typedef gpointer (*WaSlotBuildFunc) (gpointer owner, guint row, guint column);

/* How a kind of value is made and freed, and how its owner is held while
 * a background build waits for its turn. */
typedef struct {
  WaSlotBuildFunc build;
  GDestroyNotify free;          /* a made value */
  gpointer (*hold) (gpointer owner);      /* keeps the owner (and the slot) alive */
  GDestroyNotify release;                 /* undoes hold */
  /* Whether the value is still wanted when its build's turn comes (not
   * when no one but the build holds the owner any more). */
  gboolean (*wanted) (gpointer owner);
} WaSlotKind;

/* A slot with all that a build of it needs. */
typedef struct {
  GMutex *lock;                 /* guards slot */
  WaBuildSlot *slot;
  const WaSlotKind *kind;
  gpointer owner;
  guint row;
  guint column;
} WaSlotOrder;

/* The slot's value, made in the calling thread if not made yet. The
 * build runs outside the lock, which tiles take: two threads may both
 * build, the first result is kept and the other freed. */
gpointer wa_build_slot_get (const WaSlotOrder *order);
/* The slot's value if made; else asks the background thread for it
 * (once) and returns NULL, so that a tile never waits for it. */
gpointer wa_build_slot_try (const WaSlotOrder *order);

/* Background builds wait from now until wa_build_slot_release_background
 * or for max_ms, whichever comes first: the app's first map frame, drawn
 * ward by ward meanwhile, does not share two cores with them (issue 18's
 * launch). wa_build_slot_get is not held. */
void wa_build_slot_hold_background    (guint max_ms);
void wa_build_slot_release_background (void);

/* wa_build_slot_get or wa_build_slot_try: public get and try functions
 * differ only in this. */
typedef gpointer (*WaSlotFetchFunc) (const WaSlotOrder *order);

G_END_DECLS
