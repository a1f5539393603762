namespace RagSystem.Documents;

/// <summary>Settings of <see cref="PdfReader"/>.</summary>
public sealed class PdfReaderOptions
{
    /// <summary>Password tried on encrypted PDFs, besides the empty user password every reader tries.
    /// Default null (no password).</summary>
    public string? Password { get; set; }
}
