namespace RagSystem.Ocr;

/// <summary>Greedy CTC decoding over a character list: the most probable class per time step, repeats collapsed,
/// blanks (class 0) dropped. Confidence is the mean probability of the characters kept, as PaddleOCR reports it.
/// With a <see cref="CtcSpaceRecovery"/>, a space is also written where the blank frames between two characters hold a
/// dropped space; such a space does not count in the confidence.</summary>
internal sealed class CtcGreedyDecoder
{
    private readonly string[] _classes;
    private readonly CtcSpaceRecovery? _spaces;

    /// <summary>Builds the class list PaddleOCR uses: blank, the file's characters, then a space.</summary>
    /// <param name="characters">The model's characters, in class order from 1.</param>
    /// <param name="recoverDroppedSpaces">Whether to put back spaces the greedy path dropped (<see cref="CtcSpaceRecovery"/>).</param>
    public CtcGreedyDecoder(IReadOnlyList<string> characters, bool recoverDroppedSpaces = true)
    {
        _classes = ["", .. characters, " "];
        _spaces = recoverDroppedSpaces ? new CtcSpaceRecovery(_classes.Length - 1) : null;
    }

    /// <summary>Number of classes the recognition model must output.</summary>
    public int ClassCount => _classes.Length;

    /// <summary>Reads the character list file: one character per line.</summary>
    public static CtcGreedyDecoder Load(string path, bool recoverDroppedSpaces = true)
    {
        var characters = File.ReadAllLines(path).Select(line => line.TrimEnd('\r')).ToArray();
        if (characters.Length == 0) throw new InvalidDataException($"the OCR character list '{path}' is empty");
        return new CtcGreedyDecoder(characters, recoverDroppedSpaces);
    }

    /// <summary>Decodes one line's <c>[steps, classes]</c> probabilities (or logits, which are turned into probabilities).</summary>
    public (string Text, float Confidence) Decode(ReadOnlySpan<float> scores, int steps, bool areProbabilities)
    {
        var text = new System.Text.StringBuilder();
        double confidence = 0;
        var kept = 0;
        var previous = -1;
        var space = _classes.Length - 1;
        var gapStart = -1; // first blank frame after the last emitted non-space character, or -1
        for (var t = 0; t < steps; t++)
        {
            var row = scores.Slice(t * _classes.Length, _classes.Length);
            var best = System.Numerics.Tensors.TensorPrimitives.IndexOfMax(row);
            if (best == space) gapStart = -1;
            else if (best == 0 && previous > 0 && previous != space) gapStart = t;
            if (best != 0 && best != previous)
            {
                if (best != space && gapStart >= 0 && _spaces is not null && _spaces.HoldsSpace(scores, _classes.Length, gapStart, t - 1, areProbabilities))
                    text.Append(' ');
                gapStart = -1;
                text.Append(_classes[best]);
                confidence += areProbabilities ? row[best] : Probability(row, best);
                kept++;
            }
            previous = best;
        }
        return (text.ToString().Trim(), kept == 0 ? 0f : (float)(confidence / kept));
    }

    /// <summary>The softmax probability of class <paramref name="index"/> in a row of logits.</summary>
    internal static float Probability(ReadOnlySpan<float> logits, int index)
    {
        var max = logits[index];
        double sum = 0;
        foreach (var value in logits) sum += Math.Exp(value - max);
        return (float)(1 / sum);
    }
}
