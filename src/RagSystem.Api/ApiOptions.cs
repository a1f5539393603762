namespace RagSystem.Api;

/// <summary>Settings of the REST service, bound from <c>Rag:Api</c> (environment: <c>RAG__Api__AllowedRoots__0=/srv/docs</c>).
/// Every default is listed in the README's API section.</summary>
public sealed class ApiOptions
{
    /// <summary>Configuration section, under the <c>Rag</c> section.</summary>
    public const string SectionName = "Rag:Api";

    /// <summary>Folders that <c>POST /v1/ingestions</c> may read, and nothing outside them (symlinks are resolved before
    /// the check). Default: none, so folder ingestion is refused with 403 until an operator names a root.</summary>
    public IList<string> AllowedRoots { get; } = [];

    /// <summary>API keys as <c>key:ro</c> (query and search only) or <c>key:rw</c> (everything); a key without a suffix is
    /// read-write. <c>RAG_API_KEYS</c> (comma-separated, same format) adds to these. Default: none; the service then needs
    /// no key and binds to loopback only unless <c>--urls</c> says otherwise.</summary>
    public IList<string> Keys { get; } = [];

    /// <summary>Largest accepted upload request, all files together, in bytes (413 beyond). Default 64 MB.</summary>
    public long MaxUploadBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Uploads up to this many bytes in total are ingested before the reply (200); larger ones become a job (202).
    /// Default 2 MB.</summary>
    public long InlineUploadBytes { get; set; } = 2L * 1024 * 1024;

    /// <summary>How long an upload ingested before the reply, or a document delete, waits to become the index's one writer
    /// while an ingestion job or another process (<c>rag ingest</c>) writes; after that it is refused with 503 and
    /// <c>Retry-After</c>, having written nothing. Jobs wait as long as it takes. Default 15 seconds.</summary>
    public TimeSpan WriterWait { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>File extensions an upload may have (415 otherwise). Default (empty): whatever the document readers take
    /// (PDF, Markdown, HTML, DOCX, plain text, and images when the OCR models are installed).</summary>
    public IList<string> UploadExtensions { get; } = [];

    /// <summary>Requests under <c>/v1</c> each key (or, without keys, each client address) may make per
    /// <see cref="RateLimitWindow"/>; the web page's files, the API reference and health checks are not counted. 0 turns rate
    /// limiting off. Default 600.</summary>
    public int RateLimitPermits { get; set; } = 600;

    /// <summary>The rate-limit window. Default 1 minute.</summary>
    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Largest <c>top_k</c> a query or search may ask for (400 beyond). Default 50.</summary>
    public int MaxTopK { get; set; } = 50;

    /// <summary>Origins allowed to call the API from a browser. Default: none, so CORS is off.</summary>
    public IList<string> CorsOrigins { get; } = [];
}
