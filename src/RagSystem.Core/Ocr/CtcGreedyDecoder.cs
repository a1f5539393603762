namespace RagSystem.Ocr;

/// <summary>Greedy CTC decoding over a character list: the most probable class per time step, repeats collapsed,
/// blanks (class 0) dropped. Confidence is the mean probability of the characters kept, as PaddleOCR reports it.</summary>
internal sealed class CtcGreedyDecoder
{
    private readonly string[] _classes;

    /// <summary>Builds the class list PaddleOCR uses: blank, the file's characters, then a space.</summary>
    public CtcGreedyDecoder(IReadOnlyList<string> characters)
    {
        _classes = ["", .. characters, " "];
    }

    /// <summary>Number of classes the recognition model must output.</summary>
    public int ClassCount => _classes.Length;

    /// <summary>Reads the character list file: one character per line.</summary>
    public static CtcGreedyDecoder Load(string path)
    {
        var characters = File.ReadAllLines(path).Select(line => line.TrimEnd('\r')).ToArray();
        if (characters.Length == 0) throw new InvalidDataException($"the OCR character list '{path}' is empty");
        return new CtcGreedyDecoder(characters);
    }

    /// <summary>Decodes one line's <c>[steps, classes]</c> probabilities (or logits, which are turned into probabilities).</summary>
    public (string Text, float Confidence) Decode(ReadOnlySpan<float> scores, int steps, bool areProbabilities)
    {
        var text = new System.Text.StringBuilder();
        double confidence = 0;
        var kept = 0;
        var previous = -1;
        for (var t = 0; t < steps; t++)
        {
            var row = scores.Slice(t * _classes.Length, _classes.Length);
            var best = System.Numerics.Tensors.TensorPrimitives.IndexOfMax(row);
            if (best != 0 && best != previous)
            {
                text.Append(_classes[best]);
                confidence += areProbabilities ? row[best] : Probability(row, best);
                kept++;
            }
            previous = best;
        }
        return (text.ToString().Trim(), kept == 0 ? 0f : (float)(confidence / kept));
    }

    private static float Probability(ReadOnlySpan<float> logits, int index)
    {
        var max = logits[index];
        double sum = 0;
        foreach (var value in logits) sum += Math.Exp(value - max);
        return (float)(1 / sum);
    }
}
