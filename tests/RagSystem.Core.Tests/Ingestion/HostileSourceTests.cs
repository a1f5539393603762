using RagSystem.Documents;
using RagSystem.Ingestion;
using RagSystem.Testing;

namespace RagSystem.Core.Tests.Ingestion;

/// <summary>The folder walk reports each path it cannot read on its own line and lists everything else.</summary>
public sealed class HostileSourceTests : IDisposable
{
    private readonly TempDirectory _outside = new("rag-outside");
    private readonly string _root;

    public HostileSourceTests()
    {
        _root = Path.Combine(Path.GetTempPath(), $"rag-hostile-{Guid.NewGuid():N}");
        Directory.CreateDirectory(_root);
    }

    public void Dispose()
    {
        HostileFiles.ForceDelete(_root);
        _outside.Dispose();
    }

    [Fact]
    public void Hostile_paths_are_reported_one_by_one_and_good_files_are_listed()
    {
        if (OperatingSystem.IsWindows()) Assert.Skip("FIFOs, undecodable names and PATH_MAX are Unix cases");
        File.WriteAllText(Path.Combine(_root, "good.txt"), "good text");
        Directory.CreateDirectory(Path.Combine(_root, "sub"));
        File.WriteAllText(Path.Combine(_root, "sub", "inner.md"), "# Inner\n\ntext");
        var secret = Path.Combine(_outside.Path, "secret.txt");
        File.WriteAllText(secret, "outside text");
        File.CreateSymbolicLink(Path.Combine(_root, "zero.txt"), "/dev/zero");
        HostileFiles.MakeFifo(Path.Combine(_root, "pipe.txt"));
        File.CreateSymbolicLink(Path.Combine(_root, "to-pipe.txt"), Path.Combine(_root, "pipe.txt"));
        File.CreateSymbolicLink(Path.Combine(_root, "loop.txt"), Path.Combine(_root, "loop.txt"));
        File.CreateSymbolicLink(Path.Combine(_root, "secret.txt"), secret);
        File.CreateSymbolicLink(Path.Combine(_root, "alias.txt"), Path.Combine(_root, "good.txt"));
        Directory.CreateSymbolicLink(Path.Combine(_root, "sub", "up"), _root);
        // A link inside the root whose target walks through a linked folder that leads outside.
        Directory.CreateSymbolicLink(Path.Combine(_root, "elsewhere"), _outside.Path);
        File.CreateSymbolicLink(Path.Combine(_root, "sneaky.txt"), Path.Combine(_root, "elsewhere", "secret.txt"));
        HostileFiles.WriteUndecodableName(_root, "named badly");
        HostileFiles.WriteBeyondPathMax(_root);

        var files = new DocumentSource(_root).ListFiles(TestContext.Current.CancellationToken);
        var good = files.Where(f => f.Problem is null).Select(f => f.RelativePath).ToList();
        var bad = files.Where(f => f.Problem is not null).ToDictionary(f => f.RelativePath, f => f.Problem!.Reason);

        Assert.Equal(["alias.txt", "good.txt", "sub/inner.md"], good);
        Assert.Contains("outside the ingested folder", bad["zero.txt"]);
        Assert.Contains("not a regular file (it is a named pipe (FIFO))", bad["pipe.txt"]);
        Assert.Contains("named pipe", bad["to-pipe.txt"]);
        Assert.Contains("symlink loop", bad["loop.txt"]);
        Assert.Contains("outside the ingested folder", bad["secret.txt"]);
        Assert.Contains("outside the ingested folder", bad["sneaky.txt"]);
        Assert.Contains("outside the ingested folder", bad["elsewhere"]);
        Assert.Contains("not valid UTF-8", bad["bad\\uFFFDname.txt"]);
        var deep = Assert.Single(bad, p => p.Key.StartsWith("dddd", StringComparison.Ordinal)).Value;
        Assert.Contains("longer than the system allows", deep);
        Assert.All(files.Where(f => f.Problem is not null), f => Assert.Equal(DocumentFailureKind.Unreadable, f.Problem!.Kind));
    }

    [Fact]
    public void Hostile_devices_are_refused_even_when_links_outside_the_root_are_followed()
    {
        if (OperatingSystem.IsWindows()) Assert.Skip("devices are a Unix case");
        File.CreateSymbolicLink(Path.Combine(_root, "zero.txt"), "/dev/zero");
        var secret = Path.Combine(_outside.Path, "secret.txt");
        File.WriteAllText(secret, "outside text");
        File.CreateSymbolicLink(Path.Combine(_root, "secret.txt"), secret);
        Directory.CreateSymbolicLink(Path.Combine(_root, "ext"), _outside.Path);
        Directory.CreateSymbolicLink(Path.Combine(_outside.Path, "back"), _outside.Path);

        var files = new DocumentSource(_root, followSymlinksOutsideRoot: true).ListFiles(TestContext.Current.CancellationToken);

        var zero = Assert.Single(files, f => f.RelativePath == "zero.txt");
        Assert.Contains("not a regular file (it is a character device)", zero.Problem!.Reason);
        Assert.Null(Assert.Single(files, f => f.RelativePath == "secret.txt").Problem);
        // The linked folder is walked once; the link inside it back to itself is not followed again.
        Assert.Null(Assert.Single(files, f => f.RelativePath == "ext/secret.txt").Problem);
        Assert.DoesNotContain(files, f => f.RelativePath.StartsWith("ext/back/", StringComparison.Ordinal));
    }

    [Fact]
    public void Hostile_unreadable_folder_is_reported_as_one_folder()
    {
        if (OperatingSystem.IsWindows()) Assert.Skip("chmod is a Unix case");
        if (HostileFiles.IsRoot) Assert.Skip("running as root: permissions do not stop root from reading, so an unreadable folder cannot be made");
        File.WriteAllText(Path.Combine(_root, "good.txt"), "good text");
        var locked = Directory.CreateDirectory(Path.Combine(_root, "locked"));
        File.WriteAllText(Path.Combine(locked.FullName, "inside.txt"), "text");
        File.SetUnixFileMode(locked.FullName, UnixFileMode.None);

        var files = new DocumentSource(_root).ListFiles(TestContext.Current.CancellationToken);

        var folder = Assert.Single(files, f => f.RelativePath == "locked");
        Assert.True(folder.IsFolder);
        Assert.Contains("cannot be read", folder.Problem!.Reason);
        Assert.Null(Assert.Single(files, f => f.RelativePath == "good.txt").Problem);
    }

    [Fact]
    public async Task Hostile_reads_stop_at_the_limit_whatever_the_stream_claims()
    {
        var endless = new EndlessStream();
        var error = await Assert.ThrowsAsync<DocumentReadException>(() => BoundedRead.ReadAsync(endless, 1 << 20, 0, TestContext.Current.CancellationToken));
        Assert.Equal(DocumentFailureKind.TooLarge, error.Kind);
        Assert.InRange(endless.Served, 1 << 20, (1 << 20) + (1 << 16));
    }

    /// <summary>A stream like /dev/zero: it never ends.</summary>
    private sealed class EndlessStream : Stream
    {
        public long Served { get; private set; }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => Served; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count)
        {
            Array.Clear(buffer, offset, count);
            Served += count;
            return count;
        }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
