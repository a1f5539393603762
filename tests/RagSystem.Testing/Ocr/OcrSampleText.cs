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

    /// <summary>A table of labels and numbers (a header row, then one row per item), for the table page.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> TableRows { get; } =
    [
        ["Component", "Files", "Pages", "Errors", "Share", "Cost"],
        ["Scanned books", "18", "412", "7", "1.7%", "$310.75"],
        ["Office reports", "41", "1,250", "12", "0.96%", "$1,250.00"],
        ["Invoices", "96", "203", "0", "0.0%", "$84.20"],
        ["Slide decks", "23", "688", "31", "4.5%", "$96.00"],
        ["Spreadsheets", "15", "77", "2", "2.6%", "$12.40"],
        ["Web pages", "310", "930", "9", "0.97%", "$45.10"],
        ["Photos of notes", "64", "64", "14", "21.9%", "$30.00"],
        ["Legal contracts", "12", "540", "3", "0.56%", "$720.00"],
        ["Research papers", "58", "1,102", "19", "1.7%", "$215.35"],
        ["Email archives", "7", "2,048", "40", "1.95%", "$18.90"],
        ["Total", "644", "7,314", "137", "1.87%", "$2,782.70"],
    ];
}
