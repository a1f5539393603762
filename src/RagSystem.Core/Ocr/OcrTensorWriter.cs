namespace RagSystem.Ocr;

/// <summary>Writes image pixels into the models' float inputs (NCHW, channels in B, G, R order as PaddleOCR
/// trained on OpenCV images), normalised per channel as <c>(value / 255 - mean) / std</c>.</summary>
internal static class OcrTensorWriter
{
    /// <summary>The detector's normalisation (ImageNet statistics, applied to B, G, R in that order as PaddleOCR does).</summary>
    public static readonly (float Mean, float Std)[] DetectionNormalization = [(0.485f, 0.229f), (0.456f, 0.224f), (0.406f, 0.225f)];

    /// <summary>The recognition and orientation models' normalisation: to [-1, 1].</summary>
    public static readonly (float Mean, float Std)[] LineNormalization = [(0.5f, 0.5f), (0.5f, 0.5f), (0.5f, 0.5f)];

    /// <summary>Resizes the whole image to <paramref name="width"/> x <paramref name="height"/> into <paramref name="chw"/>.
    /// Each target pixel averages the source pixels it covers, so thin strokes survive a large reduction.</summary>
    public static void WriteResized(OcrImage image, int width, int height, Span<float> chw, (float Mean, float Std)[] normalization)
    {
        var plane = width * height;
        var scaleX = (double)image.Width / width;
        var scaleY = (double)image.Height / height;
        var rgb = image.Rgb;
        for (var y = 0; y < height; y++)
        {
            var y0 = (int)(y * scaleY);
            var y1 = Math.Max(y0 + 1, Math.Min(image.Height, (int)Math.Ceiling((y + 1) * scaleY)));
            for (var x = 0; x < width; x++)
            {
                var x0 = (int)(x * scaleX);
                var x1 = Math.Max(x0 + 1, Math.Min(image.Width, (int)Math.Ceiling((x + 1) * scaleX)));
                int r = 0, g = 0, b = 0;
                for (var sy = y0; sy < y1; sy++)
                {
                    var offset = ((long)sy * image.Width + x0) * 3;
                    for (var sx = x0; sx < x1; sx++, offset += 3)
                    {
                        r += rgb[offset];
                        g += rgb[offset + 1];
                        b += rgb[offset + 2];
                    }
                }
                var count = (float)((y1 - y0) * (x1 - x0));
                var index = y * width + x;
                chw[index] = Normalize(b / count, normalization[0]);
                chw[plane + index] = Normalize(g / count, normalization[1]);
                chw[2 * plane + index] = Normalize(r / count, normalization[2]);
            }
        }
    }

    /// <summary>Samples the region inside <paramref name="quad"/> (reading direction left to right) into a
    /// <paramref name="width"/> x <paramref name="height"/> patch at the left of a tensor row of <paramref name="tensorWidth"/>
    /// columns; the rest of the row is left as it is (zero padding). Several samples per pixel when shrinking.</summary>
    public static void WriteQuad(OcrImage image, OcrQuad quad, int width, int height, int tensorWidth, Span<float> chw, (float Mean, float Std)[] normalization)
    {
        var plane = tensorWidth * height;
        var ux = (quad.TopRight.X - quad.TopLeft.X) / width;
        var uy = (quad.TopRight.Y - quad.TopLeft.Y) / width;
        var vx = (quad.BottomLeft.X - quad.TopLeft.X) / height;
        var vy = (quad.BottomLeft.Y - quad.TopLeft.Y) / height;
        var step = Math.Max(MathF.Sqrt(ux * ux + uy * uy), MathF.Sqrt(vx * vx + vy * vy));
        var samples = Math.Clamp((int)MathF.Ceiling(step), 1, 4);
        var inverse = 1f / (samples * samples);
        Span<float> pixel = stackalloc float[3];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                float r = 0, g = 0, b = 0;
                for (var sy = 0; sy < samples; sy++)
                {
                    var v = y + (sy + 0.5f) / samples;
                    for (var sx = 0; sx < samples; sx++)
                    {
                        var u = x + (sx + 0.5f) / samples;
                        Bilinear(image, quad.TopLeft.X + u * ux + v * vx - 0.5f, quad.TopLeft.Y + u * uy + v * vy - 0.5f, pixel);
                        r += pixel[0];
                        g += pixel[1];
                        b += pixel[2];
                    }
                }
                var index = y * tensorWidth + x;
                chw[index] = Normalize(b * inverse, normalization[0]);
                chw[plane + index] = Normalize(g * inverse, normalization[1]);
                chw[2 * plane + index] = Normalize(r * inverse, normalization[2]);
            }
        }
    }

    private static void Bilinear(OcrImage image, float x, float y, Span<float> rgb)
    {
        x = Math.Clamp(x, 0, image.Width - 1);
        y = Math.Clamp(y, 0, image.Height - 1);
        var x0 = (int)x;
        var y0 = (int)y;
        var x1 = Math.Min(x0 + 1, image.Width - 1);
        var y1 = Math.Min(y0 + 1, image.Height - 1);
        float fx = x - x0, fy = y - y0;
        var data = image.Rgb;
        long a = ((long)y0 * image.Width + x0) * 3, b = ((long)y0 * image.Width + x1) * 3;
        long c = ((long)y1 * image.Width + x0) * 3, d = ((long)y1 * image.Width + x1) * 3;
        for (var channel = 0; channel < 3; channel++)
        {
            var top = data[a + channel] + (data[b + channel] - data[a + channel]) * fx;
            var bottom = data[c + channel] + (data[d + channel] - data[c + channel]) * fx;
            rgb[channel] = top + (bottom - top) * fy;
        }
    }

    private static float Normalize(float value, (float Mean, float Std) n) => (value / 255f - n.Mean) / n.Std;
}
