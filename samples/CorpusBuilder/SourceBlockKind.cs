namespace RagSystem.Samples.CorpusBuilder;

/// <summary>The kinds of block the markdown-ish source format knows.</summary>
internal enum SourceBlockKind
{
    /// <summary><c># text</c>: the document title, level-1 heading.</summary>
    Heading1,

    /// <summary><c>## text</c>.</summary>
    Heading2,

    /// <summary><c>### text</c>.</summary>
    Heading3,

    /// <summary>Lines separated from their neighbours by blank lines.</summary>
    Paragraph,

    /// <summary><c>- text</c>.</summary>
    Bullet,

    /// <summary>Consecutive <c>| a | b |</c> lines; the first row is the header.</summary>
    Table,

    /// <summary><c>&lt;&lt;&lt;pagebreak&gt;&gt;&gt;</c>: start a new page.</summary>
    PageBreak,
}
