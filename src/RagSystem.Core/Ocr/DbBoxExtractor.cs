namespace RagSystem.Ocr;

/// <summary>Turns a DBNet probability map into text boxes, as PaddleOCR's <c>DBPostProcess</c> does: threshold,
/// connected regions, minimum-area rectangle, mean-probability score, unclip, scale back to the image.</summary>
internal static class DbBoxExtractor
{
    private const int MaxCandidates = 1000;
    private const float MinSide = 3;

    /// <summary>The boxes in <paramref name="map"/> (<paramref name="width"/> x <paramref name="height"/>), in the
    /// coordinates of an image of <paramref name="imageWidth"/> x <paramref name="imageHeight"/>.</summary>
    public static List<OcrQuad> Extract(ReadOnlySpan<float> map, int width, int height, int imageWidth, int imageHeight, OcrOptions options)
    {
        var labels = new int[width * height];
        var boxes = new List<OcrQuad>();
        var stack = new Stack<int>();
        var rowExtent = new Dictionary<int, (int Min, int Max)>();
        var hullPoints = new List<OcrPoint>();
        var regions = 0;
        for (var start = 0; start < map.Length && regions < MaxCandidates; start++)
        {
            if (labels[start] != 0 || map[start] <= options.BinaryThreshold) continue;
            regions++;
            Flood(map, width, height, start, regions, labels, options.BinaryThreshold, stack, rowExtent);
            hullPoints.Clear();
            foreach (var (row, extent) in rowExtent)
            {
                hullPoints.Add(new OcrPoint(extent.Min, row));
                if (extent.Max != extent.Min) hullPoints.Add(new OcrPoint(extent.Max, row));
            }
            var box = MinAreaRectangle.Fit(hullPoints);
            if (MathF.Min(box.Width, box.Height) < MinSide) continue;
            if (MeanInside(map, width, height, box) < options.BoxThreshold) continue;
            var (w, h) = (box.Width, box.Height);
            var grown = MinAreaRectangle.Grow(box, w * h * options.UnclipRatio / (2 * (w + h)));
            if (MathF.Min(grown.Width, grown.Height) < MinSide + 2) continue;
            boxes.Add(Scale(grown, (float)imageWidth / width, (float)imageHeight / height, imageWidth, imageHeight));
        }
        return boxes;
    }

    private static void Flood(ReadOnlySpan<float> map, int width, int height, int start, int label, int[] labels, float threshold,
        Stack<int> stack, Dictionary<int, (int Min, int Max)> rowExtent)
    {
        rowExtent.Clear();
        labels[start] = label;
        stack.Push(start);
        while (stack.Count > 0)
        {
            var index = stack.Pop();
            int x = index % width, y = index / width;
            rowExtent[y] = rowExtent.TryGetValue(y, out var e) ? (Math.Min(e.Min, x), Math.Max(e.Max, x)) : (x, x);
            for (var dy = -1; dy <= 1; dy++)
            {
                var ny = y + dy;
                if (ny < 0 || ny >= height) continue;
                for (var dx = -1; dx <= 1; dx++)
                {
                    var nx = x + dx;
                    if (nx < 0 || nx >= width) continue;
                    var n = ny * width + nx;
                    if (labels[n] != 0 || map[n] <= threshold) continue;
                    labels[n] = label;
                    stack.Push(n);
                }
            }
        }
    }

    // PaddleOCR's "fast" score: the mean probability of the map over the pixels inside the box.
    private static float MeanInside(ReadOnlySpan<float> map, int width, int height, OcrQuad box)
    {
        int x0 = Math.Max(0, (int)MathF.Floor(box.Left)), x1 = Math.Min(width - 1, (int)MathF.Ceiling(box.Right));
        int y0 = Math.Max(0, (int)MathF.Floor(box.Top)), y1 = Math.Min(height - 1, (int)MathF.Ceiling(box.Bottom));
        double sum = 0;
        var count = 0;
        for (var y = y0; y <= y1; y++)
        {
            for (var x = x0; x <= x1; x++)
            {
                if (!Contains(box, x, y)) continue;
                sum += map[y * width + x];
                count++;
            }
        }
        return count == 0 ? 0f : (float)(sum / count);
    }

    private static bool Contains(OcrQuad box, float x, float y)
    {
        const float slack = 0.5f;
        return Side(box.TopLeft, box.TopRight, x, y) >= -slack && Side(box.TopRight, box.BottomRight, x, y) >= -slack
            && Side(box.BottomRight, box.BottomLeft, x, y) >= -slack && Side(box.BottomLeft, box.TopLeft, x, y) >= -slack;
    }

    // Signed distance of (x, y) to the right of the edge a→b (inside, for a clockwise box in image coordinates).
    private static float Side(OcrPoint a, OcrPoint b, float x, float y)
    {
        var length = a.DistanceTo(b);
        if (length == 0) return 0;
        return ((b.X - a.X) * (y - a.Y) - (b.Y - a.Y) * (x - a.X)) / length;
    }

    private static OcrQuad Scale(OcrQuad box, float sx, float sy, int imageWidth, int imageHeight)
    {
        OcrPoint S(OcrPoint p) => new(Math.Clamp(p.X * sx, 0, imageWidth - 1), Math.Clamp(p.Y * sy, 0, imageHeight - 1));
        return new OcrQuad(S(box.TopLeft), S(box.TopRight), S(box.BottomRight), S(box.BottomLeft));
    }
}
