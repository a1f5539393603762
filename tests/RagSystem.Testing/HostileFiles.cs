using System.Diagnostics;
using System.IO.Compression;
using System.Text;

namespace RagSystem.Testing;

/// <summary>Writes the hostile inputs of issue 14: a DOCX zip bomb, pathological nesting, FIFOs, undecodable names and
/// folders nested past PATH_MAX. The Unix-only ones shell out to <c>sh</c>, since .NET cannot make such names itself.</summary>
public static class HostileFiles
{
    /// <summary>A .docx whose <c>word/document.xml</c> inflates to <paramref name="inflatedBytes"/> (about 1,000 times its compressed size).</summary>
    public static void WriteZipBombDocx(string path, long inflatedBytes)
    {
        using var file = File.Create(path);
        using var zip = new ZipArchive(file, ZipArchiveMode.Create);
        WriteEntry(zip, "[Content_Types].xml", """
            <?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>
            """);
        WriteEntry(zip, "_rels/.rels", """
            <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>
            """);
        using var body = zip.CreateEntry("word/document.xml", CompressionLevel.Optimal).Open();
        body.Write("""<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>"""u8);
        var block = new byte[1 << 20];
        Array.Fill(block, (byte)' ');
        for (long written = 0; written < inflatedBytes; written += block.Length) body.Write(block);
        body.Write("</w:body></w:document>"u8);
    }

    /// <summary>An HTML page with <paramref name="depth"/> nested <c>div</c>s around one sentence.</summary>
    public static string NestedHtml(int depth)
    {
        var html = new StringBuilder("<!doctype html><html><body>", depth * 11 + 100);
        for (var i = 0; i < depth; i++) html.Append("<div>");
        html.Append("Deep text.");
        for (var i = 0; i < depth; i++) html.Append("</div>");
        return html.Append("</body></html>").ToString();
    }

    /// <summary>About <paramref name="bytes"/> of Markdown list markers, each nesting the next.</summary>
    public static string NestedMarkdownListMarkers(int bytes)
    {
        var text = new StringBuilder("# Nested\n\n", bytes + 16);
        while (text.Length < bytes) text.Append("- ");
        return text.Append("item\n").ToString();
    }

    /// <summary>Makes a named pipe (Unix).</summary>
    public static void MakeFifo(string path) => Shell($"mkfifo '{path}'");

    /// <summary>Creates <c>bad&lt;0xFF&gt;name.txt</c> (a name that is not valid UTF-8) in <paramref name="folder"/> (Unix).</summary>
    public static void WriteUndecodableName(string folder, string contents) =>
        Shell($"cd '{folder}' && printf '%s' '{contents}' > \"$(printf 'bad\\377name.txt')\"");

    /// <summary>Creates folders nested under <paramref name="folder"/> until the path passes 4,096 characters (PATH_MAX),
    /// with a text file at the bottom.</summary>
    public static void WriteBeyondPathMax(string folder)
    {
        var segment = new string('d', 200);
        Shell($"cd '{folder}' && for i in $(seq 1 24); do mkdir {segment} && cd -P {segment} || exit 1; done; echo deep text > deep.txt");
    }

    /// <summary>Removes a folder that .NET may not be able to delete (over-long paths, chmod 000 entries).</summary>
    public static void ForceDelete(string folder) => Shell($"chmod -R u+rwx '{folder}' 2>/dev/null; rm -rf '{folder}'");

    /// <summary>Whether this process runs as root (permissions do not stop it reading, so chmod-000 cases cannot be shown).</summary>
    public static bool IsRoot => !OperatingSystem.IsWindows() && Environment.UserName == "root";

    private static void WriteEntry(ZipArchive zip, string name, string text)
    {
        using var writer = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
        writer.Write(text.Trim());
    }

    private static void Shell(string script)
    {
        var psi = new ProcessStartInfo("sh") { RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(script);
        using var process = Process.Start(psi)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"sh -c {script} failed: {error}");
    }
}
