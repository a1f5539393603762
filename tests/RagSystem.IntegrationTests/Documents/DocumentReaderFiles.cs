namespace RagSystem.IntegrationTests.Documents;

/// <summary>The shared-file reader tests run one after another: each reads large files on a 2-core machine, and
/// running them side by side only makes every per-file time limit tighter.</summary>
[CollectionDefinition(nameof(DocumentReaderFiles), DisableParallelization = true)]
public sealed class DocumentReaderFiles;
