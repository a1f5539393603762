namespace RagSystem.Qdrant;

/// <summary>Settings of the Qdrant store, bound from <c>Store:Qdrant:*</c> (environment: <c>RAG__Store__Qdrant__Url</c>, …).</summary>
public sealed class QdrantStoreOptions
{
    /// <summary>The configuration section, under the store options.</summary>
    public const string SectionName = "Store:Qdrant";

    /// <summary>The gRPC endpoint. <c>https://</c> turns TLS on. Default <c>http://localhost:6334</c> (Qdrant's gRPC port;
    /// 6333 is its REST port, which this client does not use).</summary>
    public string Url { get; set; } = "http://localhost:6334";

    /// <summary>The API key sent with every call (Qdrant's <c>service.api_key</c>), or null for none. Default null.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The collection holding chunks, document state and remembered failures. Default <c>rag</c>.</summary>
    public string Collection { get; set; } = "rag";

    /// <summary>Keep the original dense vectors on disk (memory-mapped) instead of in RAM. Default false. With
    /// <see cref="Int8Quantization"/> the int8 copies stay in RAM, so searches stay fast while RAM drops about fourfold.</summary>
    public bool OnDisk { get; set; }

    /// <summary>Keep a scalar int8 copy of the dense vectors in RAM for searching (Qdrant rescoring with the originals).
    /// Default false.</summary>
    public bool Int8Quantization { get; set; }

    /// <summary>Shards of a new collection; more shards spread one collection over more nodes. Default 1.</summary>
    public uint ShardNumber { get; set; } = 1;

    /// <summary>Copies of each shard in a cluster; 2 or more survive the loss of a node. Default 1.</summary>
    public uint ReplicationFactor { get; set; } = 1;

    /// <summary>Longest time one store operation may take, retries included; an unreachable server fails within it.
    /// Default 30 seconds.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Retries of a call that failed transiently (Unavailable, DeadlineExceeded, Aborted, ResourceExhausted),
    /// with exponential backoff, within <see cref="Timeout"/>. Invalid requests are never retried. Default 4.</summary>
    public int MaxRetries { get; set; } = 4;

    /// <summary>Backoff before the first retry, doubled each time. Default 200 ms.</summary>
    public TimeSpan RetryBackoff { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Points sent per upsert call. Default 256.</summary>
    public int UpsertBatchSize { get; set; } = 256;

    /// <summary>BM25 weight of a chunk's heading terms in its sparse vector, as <c>Store:Sqlite:HeadingWeight</c>. Default 2.</summary>
    public double HeadingWeight { get; set; } = 2.0;

    /// <summary>Drop English stop-words from lexical queries, as <c>Store:Sqlite:RemoveStopWords</c>. Default true.</summary>
    public bool RemoveStopWords { get; set; } = true;

    /// <summary>Checks the values that would fail deep inside a call.</summary>
    /// <exception cref="RagConfigurationException">A value is out of range.</exception>
    public void Validate()
    {
        if (!Uri.TryCreate(Url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new RagConfigurationException($"Store:Qdrant:Url is '{Url}'; it must be an http:// or https:// URL of Qdrant's gRPC port, such as http://localhost:6334.");
        if (string.IsNullOrWhiteSpace(Collection)) throw new RagConfigurationException("Store:Qdrant:Collection is empty.");
        if (ShardNumber < 1 || ReplicationFactor < 1) throw new RagConfigurationException("Store:Qdrant:ShardNumber and Store:Qdrant:ReplicationFactor must be at least 1.");
        if (Timeout <= TimeSpan.Zero) throw new RagConfigurationException("Store:Qdrant:Timeout must be positive (for example 00:00:30).");
        if (MaxRetries < 0 || RetryBackoff < TimeSpan.Zero) throw new RagConfigurationException("Store:Qdrant:MaxRetries and Store:Qdrant:RetryBackoff must not be negative.");
        if (UpsertBatchSize < 1) throw new RagConfigurationException("Store:Qdrant:UpsertBatchSize must be at least 1.");
    }
}
