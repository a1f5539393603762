using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Containers;

namespace RagSystem.IntegrationTests.Storage;

/// <summary>A real Qdrant for the contract suite: <c>QDRANT_URL</c> (a gRPC URL such as http://localhost:6334) when set,
/// otherwise a container started with Testcontainers when Docker is available. Without either, <see cref="SkipReason"/>
/// says why the Qdrant tests skip. Never a fake server.</summary>
public sealed class QdrantServerFixture : IAsyncLifetime
{
    /// <summary>The server image, pinned to the version of the Qdrant.Client package (1.20.0).</summary>
    public const string Image = "qdrant/qdrant:v1.20.0";

    private IContainer? _container;

    /// <summary>The gRPC URL of the server, or null when none is available.</summary>
    public string? Url { get; private set; }

    /// <summary>Why the Qdrant tests cannot run here, or null when they can.</summary>
    public string? SkipReason { get; private set; }

    public async ValueTask InitializeAsync()
    {
        if (Environment.GetEnvironmentVariable("QDRANT_URL") is { Length: > 0 } url)
        {
            Url = url;
            return;
        }
        if (!DockerLooksAvailable())
        {
            SkipReason = "needs a Qdrant server: set QDRANT_URL to its gRPC URL (http://host:6334), or make Docker available " +
                $"(no DOCKER_HOST and no /var/run/docker.sock here) so Testcontainers can start {Image}";
            return;
        }
        try
        {
            _container = new ContainerBuilder(Image)
                .WithPortBinding(6333, true)
                .WithPortBinding(6334, true)
                .WithWaitStrategy(Wait.ForUnixContainer().UntilHttpRequestIsSucceeded(r => r.ForPort(6333).ForPath("/readyz")))
                .Build();
            await _container.StartAsync();
            Url = $"http://{_container.Hostname}:{_container.GetMappedPublicPort(6334)}";
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            SkipReason = $"Docker is present but {Image} could not be started ({ex.GetType().Name}: {ex.Message}); set QDRANT_URL to use a running server";
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_container is not null) await _container.DisposeAsync();
    }

    private static bool DockerLooksAvailable() =>
        Environment.GetEnvironmentVariable("DOCKER_HOST") is { Length: > 0 } || File.Exists("/var/run/docker.sock");
}
