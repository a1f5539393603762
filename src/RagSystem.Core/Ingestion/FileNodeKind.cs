namespace RagSystem.Ingestion;

/// <summary>What a path names on disk, as <c>stat(2)</c> sees it.</summary>
internal enum FileNodeKind
{
    Missing,
    Regular,
    Directory,
    Symlink,
    Fifo,
    CharacterDevice,
    BlockDevice,
    Socket,
    Other,
}
