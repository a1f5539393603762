namespace RagSystem.Api.Security;

/// <summary>What a caller may do.</summary>
public enum ApiAccess
{
    /// <summary>Query and search only.</summary>
    ReadOnly,

    /// <summary>Everything, including ingestion and deletion.</summary>
    ReadWrite,
}
