using System.Runtime.InteropServices;

namespace RagSystem.Ingestion;

/// <summary>The type and size of a path without opening it, so FIFOs, sockets and devices are recognised before a read
/// could block on them or stream forever. .NET exposes no file type, so on Unix this calls the runtime's own
/// <c>SystemNative_Stat</c>/<c>SystemNative_LStat</c> (libSystem.Native ships with every .NET install), whose
/// <c>FileStatus</c> starts with flags, mode and size in that order.</summary>
internal static partial class FileNode
{
    private const int TypeMask = 0xF000;

    /// <summary>The kind and size of <paramref name="path"/>; with <paramref name="followLinks"/> false a symlink is
    /// reported as <see cref="FileNodeKind.Symlink"/> rather than what it points to.</summary>
    public static (FileNodeKind Kind, long Size) Stat(string path, bool followLinks)
    {
        if (OperatingSystem.IsWindows()) return StatPortable(path, followLinks);
        NativeFileStatus status;
        int result;
        try
        {
            result = followLinks ? NativeStat(path, out status) : NativeLStat(path, out status);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return StatPortable(path, followLinks);
        }
        if (result != 0) return (FileNodeKind.Missing, 0);
        var kind = (status.Mode & TypeMask) switch
        {
            0x8000 => FileNodeKind.Regular,
            0x4000 => FileNodeKind.Directory,
            0xA000 => FileNodeKind.Symlink,
            0x1000 => FileNodeKind.Fifo,
            0x2000 => FileNodeKind.CharacterDevice,
            0x6000 => FileNodeKind.BlockDevice,
            0xC000 => FileNodeKind.Socket,
            _ => FileNodeKind.Other,
        };
        return (kind, status.Size);
    }

    /// <summary>A user-facing name for a kind that is not a regular file or folder.</summary>
    public static string Describe(FileNodeKind kind) => kind switch
    {
        FileNodeKind.Fifo => "a named pipe (FIFO)",
        FileNodeKind.CharacterDevice => "a character device",
        FileNodeKind.BlockDevice => "a block device",
        FileNodeKind.Socket => "a socket",
        FileNodeKind.Missing => "missing",
        _ => "a special file",
    };

    private static (FileNodeKind Kind, long Size) StatPortable(string path, bool followLinks)
    {
        FileSystemInfo info = Directory.Exists(path) ? new DirectoryInfo(path) : new FileInfo(path);
        if (!info.Exists) return (FileNodeKind.Missing, 0);
        if (!followLinks && info.LinkTarget is not null) return (FileNodeKind.Symlink, 0);
        return info is FileInfo file ? (FileNodeKind.Regular, file.Length) : (FileNodeKind.Directory, 0);
    }

    // Larger than the native struct (about 120 bytes) so a runtime that appends fields never writes past it.
    [StructLayout(LayoutKind.Sequential, Size = 512)]
    private struct NativeFileStatus
    {
        public int Flags;
        public int Mode;
        public uint Uid;
        public uint Gid;
        public long Size;
    }

    [LibraryImport("libSystem.Native", EntryPoint = "SystemNative_Stat", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int NativeStat(string path, out NativeFileStatus status);

    [LibraryImport("libSystem.Native", EntryPoint = "SystemNative_LStat", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int NativeLStat(string path, out NativeFileStatus status);
}
