namespace RagSystem.Core.Tests.Cli;

/// <summary>Tests that swap <see cref="Console.Out"/> and <see cref="Console.Error"/> run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleCaptureCollection
{
    public const string Name = "console capture";
}
