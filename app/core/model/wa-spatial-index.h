/* wa-spatial-index.h: a uniform grid over bounding boxes, for picking a
 * ward (or LAD) at a point and for finding candidates in a box. */
#pragma once

#include "wa-geometry.h"

G_BEGIN_DECLS

typedef struct _WaSpatialIndex WaSpatialIndex;

/* extent: the area covered; cell_size: in the same units (degrees). */
WaSpatialIndex *wa_spatial_index_new   (const WaBBox *extent, double cell_size);
void            wa_spatial_index_free  (WaSpatialIndex *index);
/* Items outside the extent are clamped to its edge cells. */
void            wa_spatial_index_insert (WaSpatialIndex *index, const WaBBox *box, guint item);
/* Candidate items whose box contains (x, y); no exact test. Returns a
 * pointer into the index valid until the next insert, *out_n items. */
const guint    *wa_spatial_index_query_point (const WaSpatialIndex *index, double x, double y,
                                              guint *out_n);
/* Appends each item whose box intersects box to out (no duplicates). */
void            wa_spatial_index_query_box (const WaSpatialIndex *index, const WaBBox *box,
                                            GArray *out_items);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WaSpatialIndex, wa_spatial_index_free)

G_END_DECLS
