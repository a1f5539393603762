namespace RagSystem.Ocr;

/// <summary>Orders text boxes for reading with a recursive XY cut: a region is split at its widest empty band,
/// horizontal or vertical, so a title above two columns is read first, then the left column, then the right.
/// Boxes no band separates (a slightly rotated paragraph) are read as rows top to bottom, each left to right.
/// A table is read row by row, not column by column: a vertical band is not cut when the boxes are cells rather than
/// lines of text (<see cref="MaxCellAspect"/>) and the boxes on its two sides sit on the same rows.</summary>
internal static class ReadingOrder
{
    /// <summary>Boxes whose median width is under this many median heights are table cells: a line of a text column is
    /// much longer (a detected line box is about 1.2–1.4 em high, so a 3-inch column of 14-pt text is about 11 box heights
    /// wide and the benchmark's 10-pt two-column pages about 15), while the benchmark table's labels and numbers are 1–7.</summary>
    public const float MaxCellAspect = 6;

    /// <summary>The share of boxes on the smaller side of a vertical band that must have a box on the other side at the
    /// same height for the band to be read across, as a table's column gap.</summary>
    public const float MinAlignedShare = 0.5f;

    /// <summary>The indices of <paramref name="boxes"/> in reading order.</summary>
    public static int[] Arrange(IReadOnlyList<OcrQuad> boxes)
    {
        var order = new List<int>(boxes.Count);
        Cut(boxes, [.. Enumerable.Range(0, boxes.Count)], order);
        return [.. order];
    }

    private static void Cut(IReadOnlyList<OcrQuad> boxes, List<int> items, List<int> order)
    {
        if (items.Count <= 1)
        {
            order.AddRange(items);
            return;
        }
        var (yAt, yGap) = WidestGap(items, i => boxes[i].Top, i => boxes[i].Bottom);
        var (xAt, xGap) = WidestGap(items, i => boxes[i].Left, i => boxes[i].Right);
        if (yGap <= 0 && xGap <= 0)
        {
            Rows(boxes, items, order);
            return;
        }
        var vertical = xGap > yGap;
        if (vertical && SeparatesCellsOfTheSameRows(boxes, items, xAt))
        {
            if (yGap <= 0)
            {
                Rows(boxes, items, order);
                return;
            }
            vertical = false;
        }
        var first = items.Where(i => vertical ? boxes[i].Right <= xAt : boxes[i].Bottom <= yAt).ToList();
        var second = items.Where(i => vertical ? boxes[i].Right > xAt : boxes[i].Bottom > yAt).ToList();
        Cut(boxes, first, order);
        Cut(boxes, second, order);
    }

    private static bool SeparatesCellsOfTheSameRows(IReadOnlyList<OcrQuad> boxes, List<int> items, float xAt)
    {
        var widths = items.Select(i => boxes[i].Width).Order().ToList();
        var heights = items.Select(i => boxes[i].Height).Order().ToList();
        if (widths[widths.Count / 2] >= MaxCellAspect * heights[heights.Count / 2]) return false;
        var left = items.Where(i => boxes[i].Right <= xAt).ToList();
        var right = items.Where(i => boxes[i].Right > xAt).ToList();
        var (fewer, more) = left.Count <= right.Count ? (left, right) : (right, left);
        var aligned = fewer.Count(i => more.Any(j => MathF.Abs(CenterY(boxes[i]) - CenterY(boxes[j])) <= MathF.Min(boxes[i].Height, boxes[j].Height) / 2));
        return aligned >= MinAlignedShare * fewer.Count;
    }

    private static float CenterY(OcrQuad box) => (box.TopLeft.Y + box.TopRight.Y + box.BottomLeft.Y + box.BottomRight.Y) / 4;

    // The widest empty interval between the projections of the items; returns its start and width.
    private static (float At, float Width) WidestGap(List<int> items, Func<int, float> start, Func<int, float> end)
    {
        var sorted = items.OrderBy(start).ToList();
        var reach = end(sorted[0]);
        (float At, float Width) best = (0, 0);
        foreach (var i in sorted.Skip(1))
        {
            var gap = start(i) - reach;
            if (gap > best.Width) best = (reach + gap / 2, gap);
            reach = MathF.Max(reach, end(i));
        }
        return best;
    }

    private static void Rows(IReadOnlyList<OcrQuad> boxes, List<int> items, List<int> order)
    {
        var byY = items.OrderBy(i => CenterY(boxes[i])).ToList();
        var row = new List<int> { byY[0] };
        var rowY = CenterY(boxes[byY[0]]);
        foreach (var i in byY.Skip(1))
        {
            if (MathF.Abs(CenterY(boxes[i]) - rowY) <= boxes[i].Height / 2)
            {
                row.Add(i);
                continue;
            }
            order.AddRange(row.OrderBy(r => boxes[r].Left));
            row = [i];
            rowY = CenterY(boxes[i]);
        }
        order.AddRange(row.OrderBy(r => boxes[r].Left));
    }
}
