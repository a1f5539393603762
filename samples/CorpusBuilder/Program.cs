using RagSystem.Samples.CorpusBuilder;

// Rebuilds corpus/*.pdf and corpus/*.docx from samples/CorpusBuilder/sources/<name>.<pdf|docx>.md.
// Usage: dotnet run --project samples/CorpusBuilder [-- <output folder>]
var repository = FindRepositoryRoot();
var sources = Path.Combine(repository, "samples", "CorpusBuilder", "sources");
var output = args.Length > 0 ? Path.GetFullPath(args[0]) : Path.Combine(repository, "corpus");
Directory.CreateDirectory(output);

foreach (var source in Directory.GetFiles(sources, "*.md").Order(StringComparer.Ordinal))
{
    var name = Path.GetFileNameWithoutExtension(source);
    var target = Path.Combine(output, name);
    var blocks = SourceParser.Parse(await File.ReadAllTextAsync(source));
    switch (Path.GetExtension(name))
    {
        case ".pdf": PdfCorpusWriter.Write(blocks, target); break;
        case ".docx": DocxCorpusWriter.Write(blocks, target); break;
        default:
            Console.Error.WriteLine($"skipped {source}: name it <document>.pdf.md or <document>.docx.md");
            continue;
    }
    Console.WriteLine($"wrote {Path.GetRelativePath(repository, target)} ({new FileInfo(target).Length:N0} bytes)");
}
return 0;

static string FindRepositoryRoot()
{
    foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "RagSystem.sln"))) return dir.FullName;
    }
    throw new DirectoryNotFoundException("run CorpusBuilder from inside the RagSystem repository (RagSystem.sln not found above the current folder)");
}
