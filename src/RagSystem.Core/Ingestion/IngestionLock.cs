namespace RagSystem.Ingestion;

/// <summary>One writer per index: an exclusive lock on <c>&lt;data&gt;/ingest.lock</c>, held for as long as this object
/// lives. On Linux and macOS it is an advisory <c>flock</c> (taken by .NET for a file opened with
/// <see cref="FileShare.None"/>); on Windows a share-exclusive open. Either way the operating system releases it when the
/// process ends, however it ends, so a killed run never leaves a stale lock. The lock file itself is never deleted
/// (deleting it would let two writers lock two different files). Any writer of the index (the CLI's <c>ingest</c> and
/// <c>index rebuild</c>, a service's ingestion job) takes it; readers do not.</summary>
public sealed class IngestionLock : IDisposable
{
    /// <summary>The lock file's name inside the data folder.</summary>
    public const string FileName = "ingest.lock";

    private const string OwnerSuffix = ".owner";

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    private readonly FileStream _handle;

    private IngestionLock(FileStream handle, string path)
    {
        _handle = handle;
        Path = path;
    }

    /// <summary>The lock file.</summary>
    public string Path { get; }

    /// <summary>Takes the lock on <paramref name="dataDirectory"/> now, or returns null when another process (or another
    /// holder in this process) has it.</summary>
    public static IngestionLock? TryAcquire(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        var path = System.IO.Path.Combine(System.IO.Path.GetFullPath(dataDirectory), FileName);
        try
        {
            var handle = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            try
            {
                // Who holds the lock, for the message a waiting or refused writer prints. A file of its own: the lock file
                // cannot be opened by anyone else while it is held. Best effort: it is only a hint, and the next holder
                // overwrites what a killed one left.
                File.WriteAllText(path + OwnerSuffix, $"{Environment.ProcessId} {DateTimeOffset.UtcNow:O}");
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The hint is optional; the lock is the open handle.
            }
            return new IngestionLock(handle, path);
        }
        catch (IOException ex) when (IsHeldElsewhere(ex))
        {
            return null;
        }
    }

    /// <summary>Takes the lock on <paramref name="dataDirectory"/>, waiting for the current holder to finish when
    /// <paramref name="wait"/> is true; otherwise throws <see cref="IngestionLockedException"/> at once.</summary>
    /// <param name="dataDirectory">The index's data folder.</param>
    /// <param name="wait">Queue behind the current writer instead of refusing.</param>
    /// <param name="onWaiting">Called once, with the holder's description, when this call has to wait.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    public static async Task<IngestionLock> AcquireAsync(string dataDirectory, bool wait, Action<string>? onWaiting = null, CancellationToken cancellationToken = default)
    {
        var notified = false;
        while (true)
        {
            if (TryAcquire(dataDirectory) is { } acquired) return acquired;
            var holder = DescribeHolder(dataDirectory);
            if (!wait) throw new IngestionLockedException(dataDirectory, holder);
            if (!notified) onWaiting?.Invoke(holder);
            notified = true;
            await Task.Delay(PollInterval, cancellationToken);
        }
    }

    /// <summary>Releases the lock.</summary>
    public void Dispose() => _handle.Dispose();

    private static string DescribeHolder(string dataDirectory)
    {
        try
        {
            var text = File.ReadAllText(System.IO.Path.Combine(dataDirectory, FileName + OwnerSuffix)).Split(' ', 2);
            return text.Length == 2 ? $"process {text[0]} (since {text[1]})" : "another process";
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return "another process";
        }
    }

    // The open fails with a sharing violation when the lock is taken (EWOULDBLOCK from flock on Unix, ERROR_SHARING_VIOLATION
    // or ERROR_LOCK_VIOLATION on Windows); anything else (read-only folder, missing permission) is a real error.
    private static bool IsHeldElsewhere(IOException ex) =>
        ex is not (FileNotFoundException or DirectoryNotFoundException or PathTooLongException)
        && (OperatingSystem.IsWindows()
            ? (ex.HResult & 0xFFFF) is 32 or 33
            : ex.HResult is 11 or 35 || ex.Message.Contains("being used by another process", StringComparison.Ordinal));
}
