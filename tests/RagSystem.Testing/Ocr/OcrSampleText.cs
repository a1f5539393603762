namespace RagSystem.Testing.Ocr;

/// <summary>English prose with digits and punctuation, for rendering test pages with known text.</summary>
public static class OcrSampleText
{
    /// <summary>Paragraphs, each a few sentences long.</summary>
    public static IReadOnlyList<string> Paragraphs { get; } =
    [
        "A retrieval system answers a question in two steps. First it finds the passages most likely to hold the answer, then it asks a language model to write a reply that cites them.",
        "The index stores each document as chunks of about 512 tokens, with an overlap of 64 tokens so that a sentence cut at a boundary still appears whole in one of them.",
        "In 2023 the team measured 41 real-world PDF files: 3 of them were scanned pages without a text layer, and 18 pages of one book chapter could not be searched at all.",
        "Optical character recognition turns the picture of a page back into text. The detector marks every line, the classifier turns upside-down lines, and the recognizer reads the characters.",
        "Accuracy is reported as the character error rate: the number of insertions, deletions and substitutions needed to turn the output into the truth, divided by its length.",
        "Costs were $1,250.00 for hardware and $310.75 for storage (about 19.9% of the total); the invoice, dated 14 March, was paid on time.",
        "Each page image is scaled so that its longer side is at most 960 pixels before detection, while recognition reads the lines from the full-resolution image.",
        "Questions such as \"Who wrote the report?\" or \"When was it signed?\" are answered from the text, and each answer points back to its page.",
    ];
}
