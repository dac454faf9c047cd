/* wa-spatial-index.c: a uniform grid over bounding boxes. */
#include "wa-spatial-index.h"
#include "wa-geometry.h"

#include <math.h>

/* Caps the grid so a tiny cell size on a large extent cannot exhaust memory. */
#define MAX_CELLS_PER_AXIS 4096
#define MAX_CELLS (1024 * 1024)

struct _WaSpatialIndex {
  WaBBox extent;
  double cell_size;
  guint nx, ny;
  GArray **cells;     /* nx * ny, each NULL or a GArray of guint */
  GArray *boxes;      /* WaBBox per item id, for the exact box test */
  GArray *known;      /* gboolean per item id: whether boxes[id] is set */
  GArray *first;      /* CellXY per item id: the cell of its box's minimum */
};

typedef struct {
  guint x, y;
} CellXY;

static guint
axis_cells (double span,
            double cell_size)
{
  double n = ceil (span / cell_size);

  if (!(n >= 1))
    return 1;
  return (guint) MIN (n, MAX_CELLS_PER_AXIS);
}

WaSpatialIndex *
wa_spatial_index_new (const WaBBox *extent,
                      double        cell_size)
{
  WaSpatialIndex *index;

  g_return_val_if_fail (extent != NULL, NULL);
  g_return_val_if_fail (cell_size > 0 && isfinite (cell_size), NULL);

  index = g_new0 (WaSpatialIndex, 1);
  index->extent = *extent;
  index->nx = axis_cells (extent->max_x - extent->min_x, cell_size);
  index->ny = axis_cells (extent->max_y - extent->min_y, cell_size);
  /* And in total: a long thin extent must not reach 4096 x 4096 either. */
  while ((gsize) index->nx * index->ny > MAX_CELLS)
    {
      index->nx = MAX (1, index->nx / 2);
      index->ny = MAX (1, index->ny / 2);
    }
  index->cell_size = cell_size;
  index->cells = g_new0 (GArray *, (gsize) index->nx * index->ny);
  index->boxes = g_array_new (FALSE, FALSE, sizeof (WaBBox));
  index->known = g_array_new (FALSE, TRUE, sizeof (gboolean));
  index->first = g_array_new (FALSE, FALSE, sizeof (CellXY));
  return index;
}

void
wa_spatial_index_free (WaSpatialIndex *index)
{
  if (index == NULL)
    return;

  for (gsize i = 0; i < (gsize) index->nx * index->ny; i++)
    if (index->cells[i] != NULL)
      g_array_unref (index->cells[i]);
  g_free (index->cells);
  g_array_unref (index->boxes);
  g_array_unref (index->known);
  g_array_unref (index->first);
  g_free (index);
}

static guint
cell_coord (double value,
            double origin,
            double span,
            guint  n)
{
  double t;

  if (!(span > 0))
    return 0;
  t = floor ((value - origin) / span * n);
  if (!(t >= 0))      /* also catches NAN */
    return 0;
  return (guint) MIN (t, (double) (n - 1));
}

static void
cell_range (const WaSpatialIndex *index,
            const WaBBox         *box,
            guint *x0, guint *y0, guint *x1, guint *y1)
{
  double w = index->extent.max_x - index->extent.min_x;
  double h = index->extent.max_y - index->extent.min_y;

  *x0 = cell_coord (box->min_x, index->extent.min_x, w, index->nx);
  *x1 = cell_coord (box->max_x, index->extent.min_x, w, index->nx);
  *y0 = cell_coord (box->min_y, index->extent.min_y, h, index->ny);
  *y1 = cell_coord (box->max_y, index->extent.min_y, h, index->ny);
}

void
wa_spatial_index_insert (WaSpatialIndex *index,
                         const WaBBox   *box,
                         guint           item)
{
  guint x0, y0, x1, y1;
  gboolean *known;

  g_return_if_fail (index != NULL);
  g_return_if_fail (box != NULL);

  if (item >= index->boxes->len)
    {
      g_array_set_size (index->boxes, item + 1);
      g_array_set_size (index->known, item + 1);
      g_array_set_size (index->first, item + 1);
    }

  /* An item inserted twice (e.g. in parts) keeps the union of its boxes. */
  known = &g_array_index (index->known, gboolean, item);
  if (*known)
    wa_bbox_extend (&g_array_index (index->boxes, WaBBox, item), box);
  else
    g_array_index (index->boxes, WaBBox, item) = *box;
  *known = TRUE;
  cell_range (index, &g_array_index (index->boxes, WaBBox, item), &x0, &y0, &x1, &y1);
  g_array_index (index->first, CellXY, item) = (CellXY) { x0, y0 };

  cell_range (index, box, &x0, &y0, &x1, &y1);
  for (guint cy = y0; cy <= y1; cy++)
    for (guint cx = x0; cx <= x1; cx++)
      {
        GArray **cell = &index->cells[(gsize) cy * index->nx + cx];

        if (*cell == NULL)
          *cell = g_array_new (FALSE, FALSE, sizeof (guint));
        g_array_append_val (*cell, item);
      }
}

const guint *
wa_spatial_index_query_point (const WaSpatialIndex *index,
                              double                x,
                              double                y,
                              guint                *out_n)
{
  WaBBox point = { x, y, x, y };
  guint cx, cy, cx1, cy1;
  GArray *cell;

  g_return_val_if_fail (index != NULL, NULL);
  g_return_val_if_fail (out_n != NULL, NULL);

  cell_range (index, &point, &cx, &cy, &cx1, &cy1);
  cell = index->cells[(gsize) cy * index->nx + cx];
  *out_n = cell != NULL ? cell->len : 0;
  return cell != NULL ? (const guint *) cell->data : NULL;
}

void
wa_spatial_index_query_box (const WaSpatialIndex *index,
                            const WaBBox         *box,
                            GArray               *out_items)
{
  guint x0, y0, x1, y1;

  g_return_if_fail (index != NULL);
  g_return_if_fail (box != NULL);
  g_return_if_fail (out_items != NULL);

  cell_range (index, box, &x0, &y0, &x1, &y1);
  for (guint cy = y0; cy <= y1; cy++)
    for (guint cx = x0; cx <= x1; cx++)
      {
        GArray *cell = index->cells[(gsize) cy * index->nx + cx];

        if (cell == NULL)
          continue;
        for (guint i = 0; i < cell->len; i++)
          {
            guint item = g_array_index (cell, guint, i);
            const WaBBox *item_box = &g_array_index (index->boxes, WaBBox, item);
            const CellXY *first = &g_array_index (index->first, CellXY, item);

            if (!wa_bbox_intersects (item_box, box))
              continue;
            /* An item spanning several cells is reported once: from the
             * first of its cells that the query visits. */
            if (cx == MAX (first->x, x0) && cy == MAX (first->y, y0))
              g_array_append_val (out_items, item);
          }
      }
}
