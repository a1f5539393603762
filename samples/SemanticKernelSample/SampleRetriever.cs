using RagSystem.Retrieval;

namespace SemanticKernelSample;

/// <summary>Opens the retriever over the store in the <c>--data</c> folder.</summary>
internal static class SampleRetriever
{
    /// <summary>The store and retriever the sample searches.</summary>
    public static Task<IRetriever> OpenAsync(string dataDirectory, CancellationToken cancellationToken)
    {
        // ==== WIRING POINT (lead): replace the throw below once SqliteChunkStore and HybridRetriever are merged: ====
        //   var store = await SqliteChunkStore.OpenAsync(Path.Combine(dataDirectory, SqliteStoreOptions.DefaultFileName),
        //       cancellationToken: cancellationToken);
        //   return new HybridRetriever(store);   // add the embedding generator / reranker for hybrid + rerank
        // ===========================================================================================================
        cancellationToken.ThrowIfCancellationRequested();
        throw new InvalidOperationException(
            $"This build of the sample has no store wired in yet, so it cannot open '{dataDirectory}'. " +
            "See samples/SemanticKernelSample/README.md.");
    }
}
