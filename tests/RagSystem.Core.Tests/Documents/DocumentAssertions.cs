using System.Text;
using RagSystem.Documents;

namespace RagSystem.Core.Tests.Documents;

/// <summary>Checks shared by the reader tests.</summary>
internal static class DocumentAssertions
{
    /// <summary>Offsets point into the sections joined with "\n\n", the first at 0; no section is blank.</summary>
    public static void OffsetsAreConsistent(Document document)
    {
        var joined = string.Join("\n\n", document.Sections.Select(s => s.Text));
        var expected = 0;
        foreach (var section in document.Sections)
        {
            Assert.False(string.IsNullOrWhiteSpace(section.Text));
            Assert.Equal(expected, section.Offset);
            Assert.Equal(section.Text, joined.Substring(section.Offset, section.Text.Length));
            expected += section.Text.Length + 2;
        }
        Assert.Equal(joined.Length, document.TextLength);
    }

    public static string AllText(Document document) => string.Join("\n\n", document.Sections.Select(s => s.Text));

    public static MemoryStream Utf8(string text) => new(Encoding.UTF8.GetBytes(text));
}
