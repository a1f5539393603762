namespace RagSystem.Ocr;

/// <summary>The smallest rotated rectangle around a set of points (convex hull, then one candidate per hull edge),
/// as OpenCV's <c>minAreaRect</c> computes it for PaddleOCR.</summary>
internal static class MinAreaRectangle
{
    /// <summary>The rectangle around <paramref name="points"/> (at least one), corners ordered as PaddleOCR's
    /// <c>get_mini_boxes</c> orders them: the two leftmost corners give top-left and bottom-left, the two rightmost
    /// top-right and bottom-right.</summary>
    public static OcrQuad Fit(List<OcrPoint> points)
    {
        var hull = ConvexHull(points);
        if (hull.Count == 1) return Order([hull[0], hull[0], hull[0], hull[0]]);
        var bestArea = double.MaxValue;
        OcrPoint[] best = [];
        for (var i = 0; i < hull.Count; i++)
        {
            var p = hull[i];
            var q = hull[(i + 1) % hull.Count];
            double ex = q.X - p.X, ey = q.Y - p.Y;
            var length = Math.Sqrt(ex * ex + ey * ey);
            if (length == 0) continue;
            ex /= length;
            ey /= length;
            double minU = double.MaxValue, maxU = double.MinValue, minV = double.MaxValue, maxV = double.MinValue;
            foreach (var h in hull)
            {
                double dx = h.X - p.X, dy = h.Y - p.Y;
                var u = dx * ex + dy * ey;
                var v = -dx * ey + dy * ex;
                minU = Math.Min(minU, u);
                maxU = Math.Max(maxU, u);
                minV = Math.Min(minV, v);
                maxV = Math.Max(maxV, v);
            }
            var area = (maxU - minU) * (maxV - minV);
            if (area >= bestArea) continue;
            bestArea = area;
            OcrPoint Corner(double u, double v) => new((float)(p.X + u * ex - v * ey), (float)(p.Y + u * ey + v * ex));
            best = [Corner(minU, minV), Corner(maxU, minV), Corner(maxU, maxV), Corner(minU, maxV)];
        }
        return Order(best);
    }

    /// <summary>Grows a rectangle by <paramref name="distance"/> on every side (the polygon offset PaddleOCR computes with
    /// pyclipper, whose rounded corners fall inside the grown rectangle).</summary>
    public static OcrQuad Grow(OcrQuad quad, float distance)
    {
        var center = new OcrPoint(
            (quad.TopLeft.X + quad.TopRight.X + quad.BottomRight.X + quad.BottomLeft.X) / 4,
            (quad.TopLeft.Y + quad.TopRight.Y + quad.BottomRight.Y + quad.BottomLeft.Y) / 4);
        var (ux, uy) = Unit(quad.TopLeft, quad.TopRight);
        var (vx, vy) = Unit(quad.TopLeft, quad.BottomLeft);
        var halfW = quad.TopLeft.DistanceTo(quad.TopRight) / 2 + distance;
        var halfH = quad.TopLeft.DistanceTo(quad.BottomLeft) / 2 + distance;
        OcrPoint At(float su, float sv) => new(center.X + su * halfW * ux + sv * halfH * vx, center.Y + su * halfW * uy + sv * halfH * vy);
        return new OcrQuad(At(-1, -1), At(1, -1), At(1, 1), At(-1, 1));
    }

    private static (float X, float Y) Unit(OcrPoint from, OcrPoint to)
    {
        var length = from.DistanceTo(to);
        return length == 0 ? (0, 0) : ((to.X - from.X) / length, (to.Y - from.Y) / length);
    }

    private static OcrQuad Order(OcrPoint[] corners)
    {
        var byX = corners.OrderBy(c => c.X).ThenBy(c => c.Y).ToArray();
        var (topLeft, bottomLeft) = byX[1].Y > byX[0].Y ? (byX[0], byX[1]) : (byX[1], byX[0]);
        var (topRight, bottomRight) = byX[3].Y > byX[2].Y ? (byX[2], byX[3]) : (byX[3], byX[2]);
        return new OcrQuad(topLeft, topRight, bottomRight, bottomLeft);
    }

    /// <summary>Andrew's monotone chain; collinear points are dropped.</summary>
    private static List<OcrPoint> ConvexHull(List<OcrPoint> points)
    {
        var sorted = points.Distinct().OrderBy(p => p.X).ThenBy(p => p.Y).ToList();
        if (sorted.Count < 3) return sorted;
        var hull = new List<OcrPoint>(sorted.Count + 1);
        for (var pass = 0; pass < 2; pass++)
        {
            var start = hull.Count;
            foreach (var p in sorted)
            {
                while (hull.Count >= start + 2 && Cross(hull[^2], hull[^1], p) <= 0) hull.RemoveAt(hull.Count - 1);
                hull.Add(p);
            }
            hull.RemoveAt(hull.Count - 1);
            sorted.Reverse();
        }
        return hull;
    }

    private static double Cross(OcrPoint o, OcrPoint a, OcrPoint b) => ((double)a.X - o.X) * ((double)b.Y - o.Y) - ((double)a.Y - o.Y) * ((double)b.X - o.X);
}
