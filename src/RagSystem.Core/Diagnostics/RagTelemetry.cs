using System.Diagnostics;

namespace RagSystem.Diagnostics;

/// <summary>The one <see cref="ActivitySource"/> every pipeline stage starts its spans from.</summary>
public static class RagTelemetry
{
    /// <summary>Source name to subscribe to with OpenTelemetry.</summary>
    public const string SourceName = "RagSystem";

    /// <summary>The shared source.</summary>
    public static readonly ActivitySource Source = new(SourceName);
}
