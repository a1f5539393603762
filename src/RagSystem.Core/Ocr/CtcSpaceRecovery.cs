namespace RagSystem.Ocr;

/// <summary>Puts back word spaces the greedy CTC path dropped. PP-OCRv4's Chinese+English recogniser often reads the
/// gap between two words as blank frames only, so greedy decoding joins the words ("thecharacters"); in those gaps the
/// space class is still the model's runner-up, with a probability well above what it gets between two letters of a word.
/// A space is inserted between two emitted characters when a blank frame between them gives the space class at least
/// <see cref="MinSpaceProbability"/>.</summary>
internal sealed class CtcSpaceRecovery
{
    /// <summary>The space probability, in one blank frame between two characters, above which a space was there.
    /// Measured on the <c>ocr</c> benchmark's pages (clean 150 and 300 dpi, noisy): inside words it was at most 0.011
    /// in about 15,000 letter gaps; at the 208 spaces greedy decoding dropped it was 0.027–0.5. On a page of other text
    /// (a novel, 150 dpi), where whole lines lost their spaces, it was 0.013–0.5 at 104 dropped spaces (100 of them
    /// at least 0.02) and at most 0.001 inside words. 0.02 is nearly twice the highest value seen inside a word.</summary>
    public const float MinSpaceProbability = 0.02f;

    private readonly int _spaceClass;

    /// <summary>A recovery for a model whose space is class <paramref name="spaceClass"/> (PaddleOCR's last class).</summary>
    public CtcSpaceRecovery(int spaceClass)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(spaceClass, 1);
        _spaceClass = spaceClass;
    }

    /// <summary>Whether the blank frames <paramref name="firstFrame"/> to <paramref name="lastFrame"/> (inclusive), which lie
    /// between two emitted characters, hold a dropped space.</summary>
    /// <param name="scores">The line's <c>[steps, classes]</c> scores.</param>
    /// <param name="classCount">Classes per frame.</param>
    /// <param name="firstFrame">First blank frame of the gap.</param>
    /// <param name="lastFrame">Last blank frame of the gap.</param>
    /// <param name="areProbabilities">Whether <paramref name="scores"/> are probabilities (else logits).</param>
    public bool HoldsSpace(ReadOnlySpan<float> scores, int classCount, int firstFrame, int lastFrame, bool areProbabilities)
    {
        for (var t = firstFrame; t <= lastFrame; t++)
        {
            var row = scores.Slice(t * classCount, classCount);
            var probability = areProbabilities ? row[_spaceClass] : CtcGreedyDecoder.Probability(row, _spaceClass);
            if (probability >= MinSpaceProbability) return true;
        }
        return false;
    }
}
