namespace RagSystem.Api.Jobs;

/// <summary>What a job ingests.</summary>
public enum JobKind
{
    /// <summary>A folder under one of the allowed roots, brought up to date (<c>POST /v1/ingestions</c>).</summary>
    Folder,

    /// <summary>Files uploaded with <c>POST /v1/documents</c> that were too large to ingest before the reply.</summary>
    Upload,
}
