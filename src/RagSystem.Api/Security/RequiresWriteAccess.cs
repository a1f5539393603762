namespace RagSystem.Api.Security;

/// <summary>Endpoint metadata: the endpoint changes the index or its jobs, so a read-only key gets 403.</summary>
public sealed class RequiresWriteAccess
{
    /// <summary>The shared instance.</summary>
    public static RequiresWriteAccess Instance { get; } = new();
}
