using RagSystem.Ocr;

namespace RagSystem.Core.Tests.Ocr;

public sealed class OcrGeometryTests
{
    [Fact]
    public void OcrMinAreaRectangleFitsARotatedRectangleTightly()
    {
        // A 40 x 10 rectangle turned by 30°, sampled densely.
        var angle = MathF.PI / 6;
        var points = new List<OcrPoint>();
        for (var u = 0f; u <= 40; u += 0.5f)
            for (var v = 0f; v <= 10; v += 0.5f)
                points.Add(new OcrPoint(100 + u * MathF.Cos(angle) - v * MathF.Sin(angle), 50 + u * MathF.Sin(angle) + v * MathF.Cos(angle)));

        var box = MinAreaRectangle.Fit(points);

        Assert.Equal(40, box.Width, 0.1);
        Assert.Equal(10, box.Height, 0.1);
        Assert.Equal(100, box.TopLeft.X, 0.1);
        Assert.Equal(50, box.TopLeft.Y, 0.1);
    }

    [Fact]
    public void OcrGrowAddsTheDistanceOnEverySide()
    {
        var box = new OcrQuad(new(10, 10), new(50, 10), new(50, 20), new(10, 20));
        var grown = MinAreaRectangle.Grow(box, 3);
        Assert.Equal(new OcrQuad(new(7, 7), new(53, 7), new(53, 23), new(7, 23)), grown);
    }

    [Fact]
    public void OcrReadingOrderReadsTitleThenLeftColumnThenRightColumn()
    {
        static OcrQuad Box(float left, float top, float right, float bottom) => new(new(left, top), new(right, top), new(right, bottom), new(left, bottom));
        OcrQuad[] boxes =
        [
            Box(620, 200, 1000, 220), // right column, line 1
            Box(100, 200, 480, 220),  // left column, line 1
            Box(100, 100, 1000, 140), // title across both columns
            Box(620, 230, 1000, 250), // right column, line 2
            Box(100, 230, 480, 250),  // left column, line 2
        ];
        Assert.Equal([2, 1, 4, 0, 3], ReadingOrder.Arrange(boxes));
    }

    [Fact]
    public void OcrReadingOrderReadsATableRowByRowNotColumnByColumn()
    {
        // Three rows of a label and two numbers; the column gaps (80 px) are wider than the row gaps (20 px), so a plain
        // XY cut would read the labels first, then each column of numbers.
        static OcrQuad Cell(float left, float top, float width) => new(new(left, top), new(left + width, top), new(left + width, top + 40), new(left, top + 40));
        OcrQuad[] boxes =
        [
            Cell(520, 220, 90), Cell(100, 100, 200), Cell(380, 160, 60),
            Cell(100, 220, 140), Cell(380, 100, 60), Cell(520, 160, 90),
            Cell(380, 220, 60), Cell(520, 100, 90), Cell(100, 160, 170),
        ];
        Assert.Equal([1, 4, 7, 8, 2, 5, 3, 6, 0], ReadingOrder.Arrange(boxes));
    }

    [Fact]
    public void OcrReadingOrderKeepsRowsOfASlightlyRotatedParagraph()
    {
        // Three long lines tilted so their bounding boxes overlap vertically: no empty band separates them.
        static OcrQuad Tilted(float top) => new(new(100, top), new(1100, top + 30), new(1100, top + 50), new(100, top + 20));
        OcrQuad[] boxes = [Tilted(160), Tilted(100), Tilted(130)];
        Assert.Equal([1, 2, 0], ReadingOrder.Arrange(boxes));
    }

    [Fact]
    public void OcrQuarterTurnMakesAVerticalBoxReadAlongItsLength()
    {
        var tall = new OcrQuad(new(0, 0), new(20, 0), new(20, 200), new(0, 200));
        var turned = tall.RotatedQuarter();
        Assert.Equal(200, turned.Width);
        Assert.Equal(20, turned.Height);
    }
}
