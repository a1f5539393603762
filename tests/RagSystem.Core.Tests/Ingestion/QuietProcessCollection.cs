namespace RagSystem.Core.Tests.Ingestion;

/// <summary>Tests that measure this process's CPU time or threads run alone, so other tests do not show up in the figures.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class QuietProcessCollection
{
    public const string Name = "quiet process";
}
