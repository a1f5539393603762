namespace RagSystem.Ocr;

/// <summary>Orders text boxes for reading with a recursive XY cut: a region is split at its widest empty band,
/// horizontal or vertical, so a title above two columns is read first, then the left column, then the right.
/// Boxes no band separates (a slightly rotated paragraph) are read as rows top to bottom, each left to right.</summary>
internal static class ReadingOrder
{
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
        var first = items.Where(i => vertical ? boxes[i].Right <= xAt : boxes[i].Bottom <= yAt).ToList();
        var second = items.Where(i => vertical ? boxes[i].Right > xAt : boxes[i].Bottom > yAt).ToList();
        Cut(boxes, first, order);
        Cut(boxes, second, order);
    }

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
        float CenterY(int i) => (boxes[i].TopLeft.Y + boxes[i].TopRight.Y + boxes[i].BottomLeft.Y + boxes[i].BottomRight.Y) / 4;
        var byY = items.OrderBy(CenterY).ToList();
        var row = new List<int> { byY[0] };
        var rowY = CenterY(byY[0]);
        foreach (var i in byY.Skip(1))
        {
            if (MathF.Abs(CenterY(i) - rowY) <= boxes[i].Height / 2)
            {
                row.Add(i);
                continue;
            }
            order.AddRange(row.OrderBy(r => boxes[r].Left));
            row = [i];
            rowY = CenterY(i);
        }
        order.AddRange(row.OrderBy(r => boxes[r].Left));
    }
}
