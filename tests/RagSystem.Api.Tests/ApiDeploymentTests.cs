using System.Diagnostics;
using RagSystem.Testing;

namespace RagSystem.Api.Tests;

/// <summary>The deployment files: docker-compose.yml validated by <c>docker-compose config</c> (Debian's docker-compose 1.29
/// checks a file without a Docker daemon), and the Dockerfile's promises (multi-stage, non-root, volumes, health check).</summary>
public sealed class ApiDeploymentTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(int Exit, string Output, string Error)> ComposeAsync(params string[] args)
    {
        var psi = new ProcessStartInfo("docker-compose") { WorkingDirectory = RepositoryRoot.Path, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["RAG_API_KEYS"] = "";
        using var process = Process.Start(psi)!;
        var output = process.StandardOutput.ReadToEndAsync(Ct);
        var error = process.StandardError.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct);
        return (process.ExitCode, await output, await error);
    }

    private static string? ComposeMissing() =>
        File.Exists("/usr/bin/docker-compose") || File.Exists("/usr/local/bin/docker-compose")
            ? null
            : "needs docker-compose (Debian package docker-compose; .ci/run installs it) to validate docker-compose.yml";

    [Fact]
    public async Task Api_docker_compose_file_is_valid_with_qdrant_pinned_and_the_api_on_qdrant_with_health_checks()
    {
        if (ComposeMissing() is { } reason) Assert.Skip(reason);
        var (exit, output, error) = await ComposeAsync("config");
        Assert.True(exit == 0, error);
        Assert.Contains("image: qdrant/qdrant:v1.20.0", output, StringComparison.Ordinal);
        Assert.Contains("RAG__Store__Kind: qdrant", output, StringComparison.Ordinal);
        Assert.Contains("RAG__Store__Qdrant__Url: http://qdrant:6334", output, StringComparison.Ordinal);
        Assert.Contains("/health/ready", output, StringComparison.Ordinal);
        Assert.Contains("condition: service_healthy", output, StringComparison.Ordinal);
        Assert.Contains("- rag-data:/data:rw", output, StringComparison.Ordinal);
        Assert.Contains("/models:/models:ro", output, StringComparison.Ordinal);

        var (_, services, _) = await ComposeAsync("config", "--services");
        Assert.Equal(["api", "api-gpu", "qdrant"], services.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal));
        var (profilesExit, profiles, profilesError) = await ComposeAsync("config", "--profiles");
        Assert.True(profilesExit == 0, profilesError);
        Assert.Equal(["gpu"], profiles.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var (_, gpu, _) = await ComposeAsync("--profile", "gpu", "config");
        Assert.Contains("target: runtime-gpu", gpu, StringComparison.Ordinal);
        Assert.Contains("driver: nvidia", gpu, StringComparison.Ordinal);
        Assert.Contains("RAG__Onnx__ExecutionProvider: cuda", gpu, StringComparison.Ordinal);
    }

    [Fact]
    public void Api_dockerfile_is_multi_stage_non_root_with_model_and_data_volumes_and_a_cuda_variant()
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryRoot.Path, "Dockerfile")).Select(l => l.Trim()).ToList();
        Assert.Contains("FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build", lines);
        Assert.Contains("FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime", lines);
        Assert.Contains(lines, l => l.StartsWith("FROM nvidia/cuda:", StringComparison.Ordinal) && l.EndsWith("AS runtime-gpu", StringComparison.Ordinal));
        Assert.Equal(2, lines.Count(l => l.StartsWith("USER ", StringComparison.Ordinal) && !l.Contains("root", StringComparison.Ordinal)));
        Assert.Equal(2, lines.Count(l => l == "VOLUME [\"/data\", \"/models\"]"));
        Assert.Equal(2, lines.Count(l => l.StartsWith("HEALTHCHECK", StringComparison.Ordinal) && l.Contains("/health/ready", StringComparison.Ordinal)));
        // Every project the API needs is copied into the build stage.
        Assert.Contains("COPY src/RagSystem.Api/ src/RagSystem.Api/", lines);
        Assert.Contains("COPY src/RagSystem.Core/ src/RagSystem.Core/", lines);
    }
    [Fact]
    public void Api_dockerfile_copies_every_project_the_api_builds_from_and_the_build_files()
    {
        var dockerfile = File.ReadAllLines(Path.Combine(RepositoryRoot.Path, "Dockerfile"));
        var copies = dockerfile.Where(l => l.StartsWith("COPY ", StringComparison.Ordinal) && !l.Contains("--from", StringComparison.Ordinal)).ToList();
        var restore = Array.FindIndex(dockerfile, l => l.Contains("dotnet restore", StringComparison.Ordinal));
        Assert.True(restore > 0, "the Dockerfile restores before it copies the sources");
        foreach (var file in new[] { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props" })
            Assert.Contains(copies, c => c.Split(' ').Contains(file));

        // Every project the API references, directly or through another project, must be in the image's build.
        var pending = new Queue<string>([Path.Combine(RepositoryRoot.Path, "src", "RagSystem.Api", "RagSystem.Api.csproj")]);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (pending.TryDequeue(out var project))
        {
            if (!seen.Add(Path.GetFullPath(project))) continue;
            var relative = Path.GetRelativePath(RepositoryRoot.Path, project).Replace('\\', '/');
            var folder = Path.GetDirectoryName(relative)!.Replace('\\', '/') + "/";
            var csprojCopy = Array.FindIndex(dockerfile, l => l.StartsWith($"COPY {relative} ", StringComparison.Ordinal));
            Assert.True(csprojCopy >= 0 && csprojCopy < restore, $"the Dockerfile does not copy {relative} before restoring");
            Assert.Contains(copies, c => c.StartsWith($"COPY {folder} {folder}", StringComparison.Ordinal));
            var xml = System.Xml.Linq.XDocument.Load(project);
            foreach (var reference in xml.Descendants("ProjectReference").Select(r => (string)r.Attribute("Include")!))
                pending.Enqueue(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(project)!, reference)));
        }
        Assert.True(seen.Count >= 3, $"expected the API, the core and Qdrant; found {string.Join(", ", seen)}");
    }
}
