using RagSystem.Ocr;

namespace RagSystem.Core.Tests.Ocr;

public sealed class OcrDecodingTests
{
    [Fact]
    public void OcrCtcGreedyDecodingCollapsesRepeatsAndDropsBlanks()
    {
        // Classes: 0 blank, 1 'a', 2 'b', 3 ' ' (the space PaddleOCR appends).
        // Every class but the best gets 0.033 here, the space too, which space recovery would read as a dropped space
        // in the blank frame; this test is about the plain greedy path (OcrSpaceRecoveryTests cover recovery).
        var decoder = new CtcGreedyDecoder(["a", "b"], recoverDroppedSpaces: false);
        Assert.Equal(4, decoder.ClassCount);
        int[] best = [1, 1, 0, 1, 3, 2, 2, 0];
        var scores = new float[best.Length * 4];
        for (var t = 0; t < best.Length; t++)
        {
            for (var c = 0; c < 4; c++) scores[t * 4 + c] = 0.1f / 3;
            scores[t * 4 + best[t]] = t == 5 ? 0.6f : 0.9f;
        }
        var (text, confidence) = decoder.Decode(scores, best.Length, areProbabilities: true);
        Assert.Equal("aa b", text);
        Assert.Equal((0.9f * 3 + 0.6f) / 4, confidence, 0.001f);
    }

    [Fact]
    public void OcrDbBoxExtractorFindsTwoLinesInAProbabilityMap()
    {
        const int width = 200, height = 100;
        var map = new float[width * height];
        void Fill(int x0, int y0, int x1, int y1)
        {
            for (var y = y0; y < y1; y++)
                for (var x = x0; x < x1; x++) map[y * width + x] = 0.95f;
        }
        Fill(20, 20, 180, 30);
        Fill(20, 60, 120, 70);
        map[5 * width + 5] = 0.99f; // a lone pixel is noise, not a line

        var boxes = DbBoxExtractor.Extract(map, width, height, 400, 200, new OcrOptions());

        Assert.Equal(2, boxes.Count);
        var first = boxes.OrderBy(b => b.Top).First();
        // Scaled x2 to the image, grown by the unclip distance (area x 1.5 / perimeter ≈ 6.6 map pixels each side).
        Assert.InRange(first.Left, 2 * (20 - 8), 2 * (20 - 5));
        Assert.InRange(first.Right, 2 * (179 + 5), 2 * (179 + 8));
        Assert.InRange(first.Height, 2 * 9 + 2 * 10, 2 * 9 + 2 * 16);
    }

    [Fact]
    public void OcrImageDecoderReadsPngAndPutsTransparencyOnWhite()
    {
        using var bitmap = new SkiaSharp.SKBitmap(new SkiaSharp.SKImageInfo(2, 1, SkiaSharp.SKColorType.Rgba8888, SkiaSharp.SKAlphaType.Unpremul));
        bitmap.SetPixel(0, 0, new SkiaSharp.SKColor(255, 0, 0, 255));
        bitmap.SetPixel(1, 0, new SkiaSharp.SKColor(0, 0, 0, 0));
        using var png = SkiaSharp.SKImage.FromBitmap(bitmap).Encode(SkiaSharp.SKEncodedImageFormat.Png, 100);

        var image = OcrImageDecoder.Decode(png.ToArray(), 1_000_000);

        Assert.Equal((2, 1), (image.Width, image.Height));
        Assert.Equal(new byte[] { 255, 0, 0, 255, 255, 255 }, image.Rgb);
    }

    [Fact]
    public void OcrImageDecoderScalesDownAboveThePixelLimit()
    {
        using var bitmap = new SkiaSharp.SKBitmap(new SkiaSharp.SKImageInfo(400, 300, SkiaSharp.SKColorType.Rgba8888, SkiaSharp.SKAlphaType.Unpremul));
        bitmap.Erase(SkiaSharp.SKColors.Gray);
        using var png = SkiaSharp.SKImage.FromBitmap(bitmap).Encode(SkiaSharp.SKEncodedImageFormat.Png, 100);
        var image = OcrImageDecoder.Decode(png.ToArray(), 30_000);
        Assert.InRange((long)image.Width * image.Height, 25_000, 30_000);
        Assert.Equal(4.0 / 3, (double)image.Width / image.Height, 0.02);
    }

    [Fact]
    public void OcrImageDecoderRejectsBytesThatAreNoImage()
    {
        Assert.Throws<InvalidDataException>(() => OcrImageDecoder.Decode("not an image at all"u8.ToArray(), 1_000_000));
    }

    [Fact]
    public void OcrModelFilesAreFoundInTheFolderOrItsOnlySubfolder()
    {
        var root = Directory.CreateTempSubdirectory("ocr-models-");
        try
        {
            Assert.Null(OcrModelFiles.Find(root.FullName));
            var inner = root.CreateSubdirectory("pp-ocrv4").FullName;
            foreach (var name in new[] { "ch_PP-OCRv4_det_infer.onnx", "ch_PP-OCRv4_rec_infer.onnx", "ch_ppocr_mobile_v2.0_cls_infer.onnx", "ppocr_keys_v1.txt" })
                File.WriteAllText(Path.Combine(inner, name), "x");
            var files = OcrModelFiles.Find(root.FullName);
            Assert.NotNull(files);
            Assert.EndsWith("ch_PP-OCRv4_det_infer.onnx", files.DetectionModel);
            Assert.EndsWith("ch_PP-OCRv4_rec_infer.onnx", files.RecognitionModel);
            Assert.EndsWith("ch_ppocr_mobile_v2.0_cls_infer.onnx", files.OrientationModel);
            Assert.EndsWith("ppocr_keys_v1.txt", files.CharacterList);
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }
}
