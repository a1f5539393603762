using RagSystem.Ocr;

namespace RagSystem.Core.Tests.Ocr;

/// <summary>Greedy CTC decoding puts back spaces the path dropped, from the space class's probability in the blank
/// frames between two characters, and only there.</summary>
public sealed class OcrSpaceRecoveryTests
{
    // Classes: 0 blank, 1 'a', 2 'b', 3 ' ' (the space PaddleOCR appends).
    private const int Blank = 0, A = 1, B = 2, Space = 3, Classes = 4;

    [Fact]
    public void OcrDecodingPutsBackASpaceTheModelRankedSecondInTheGap()
    {
        // "ab" then "ab": the word gap is blank frames only, but one of them gives the space 0.3 (blank wins with 0.65).
        var scores = Frames((A, 0), (Blank, 0), (B, 0), (Blank, 0), (Blank, 0.3f), (Blank, 0.02f), (A, 0), (Blank, 0), (B, 0));

        Assert.Equal("ab ab", new CtcGreedyDecoder(["a", "b"]).Decode(scores, 9, areProbabilities: true).Text);
        Assert.Equal("abab", new CtcGreedyDecoder(["a", "b"], recoverDroppedSpaces: false).Decode(scores, 9, areProbabilities: true).Text);
    }

    [Fact]
    public void OcrDecodingAddsNoSpaceInsideAWordEvenAcrossAWideGap()
    {
        // Four blank frames between letters (a wide letter), the space never above 0.01: one word.
        var scores = Frames((A, 0), (Blank, 0.01f), (Blank, 0.008f), (Blank, 0.004f), (Blank, 0), (B, 0), (Blank, 0), (A, 0));

        Assert.Equal("aba", new CtcGreedyDecoder(["a", "b"]).Decode(scores, 8, areProbabilities: true).Text);
    }

    [Fact]
    public void OcrDecodingDoesNotDoubleASpaceTheModelEmitted()
    {
        // The space is emitted, and the blank frames around it also give it weight: still one space, and the space
        // before the first letter or after the last is not invented either.
        var scores = Frames((Blank, 0.4f), (A, 0), (Blank, 0.3f), (Space, 0), (Blank, 0.3f), (B, 0), (Blank, 0.4f));

        var (text, confidence) = new CtcGreedyDecoder(["a", "b"]).Decode(scores, 7, areProbabilities: true);

        Assert.Equal("a b", text);
        Assert.Equal(0.9f, confidence, 0.001f);
    }

    [Fact]
    public void OcrDecodingRecoversTheSpaceFromLogitsToo()
    {
        var probabilities = Frames((A, 0), (Blank, 0.3f), (B, 0), (Blank, 0.001f), (A, 0));
        var logits = probabilities.Select(p => MathF.Log(p) + 2.5f).ToArray();

        Assert.Equal("a ba", new CtcGreedyDecoder(["a", "b"]).Decode(logits, 5, areProbabilities: false).Text);
    }

    [Fact]
    public void OcrSpaceRecoveryThresholdSitsBetweenWordAndLetterGaps()
    {
        var recovery = new CtcSpaceRecovery(Space);
        Assert.True(recovery.HoldsSpace(Frames((Blank, CtcSpaceRecovery.MinSpaceProbability)), Classes, 0, 0, areProbabilities: true));
        Assert.False(recovery.HoldsSpace(Frames((Blank, CtcSpaceRecovery.MinSpaceProbability - 0.001f)), Classes, 0, 0, areProbabilities: true));
        // Above the most a letter gap got on the benchmark pages (0.011), at or below most dropped spaces (0.027 and up).
        Assert.InRange(CtcSpaceRecovery.MinSpaceProbability, 0.012f, 0.027f);
    }

    // One row per frame: the winning class gets what the space and the other classes leave; the space gets its share.
    private static float[] Frames(params (int Best, float Space)[] frames)
    {
        var scores = new float[frames.Length * Classes];
        for (var t = 0; t < frames.Length; t++)
        {
            var (best, space) = frames[t];
            var row = scores.AsSpan(t * Classes, Classes);
            if (best == Space)
            {
                row.Fill(0.1f / 3);
                row[Space] = 0.9f;
                continue;
            }
            row.Fill(0.001f);
            row[Space] = Math.Max(space, 0.001f);
            row[best] = best == Blank ? 1 - row[Space] - 0.002f : 0.9f;
            if (best != Blank) row[Blank] = 1 - 0.9f - row[Space] - 0.001f;
        }
        return scores;
    }
}
