using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace RagSystem.Qdrant;

/// <summary>Runs one store operation's gRPC calls under an overall deadline (<see cref="QdrantStoreOptions.Timeout"/>),
/// retrying transient failures with exponential backoff and turning the rest into <see cref="RagException"/>s a user can act on.</summary>
internal sealed class QdrantCallRunner(QdrantStoreOptions options, ILogger logger)
{
    /// <summary>Whether a status is worth retrying: the server was unreachable, overloaded or too slow. Invalid arguments,
    /// missing collections and refused credentials are not: retrying cannot change the answer.</summary>
    public static bool IsTransient(StatusCode status) =>
        status is StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.Aborted or StatusCode.ResourceExhausted;

    /// <summary>Runs <paramref name="call"/> (given the overall deadline) until it succeeds, fails for good, or time runs out.
    /// <see cref="StatusCode.NotFound"/> passes through as the <see cref="RpcException"/> for the caller to handle.</summary>
    public async Task<T> RunAsync<T>(string what, Func<DateTime, CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + options.Timeout;
        var backoff = options.RetryBackoff;
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await call(deadline, cancellationToken);
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.Cancelled && cancellationToken.IsCancellationRequested)
            {
                throw new OperationCanceledException(cancellationToken);
            }
            catch (RpcException ex) when (IsTransient(ex.StatusCode))
            {
                var left = deadline - DateTime.UtcNow;
                if (attempt >= options.MaxRetries || left <= backoff)
                {
                    throw new RagException(RagErrorKind.Unavailable,
                        $"Qdrant at {options.Url} did not answer ({what}: {ex.StatusCode}, {ex.Status.Detail}) within {options.Timeout.TotalSeconds:0.#} s " +
                        $"and {attempt + 1} attempts; start it (docker compose up qdrant) or set Store:Qdrant:Url.", ex);
                }
                logger.LogDebug("Qdrant {What} failed ({Status}); retry {Attempt} in {Backoff} ms", what, ex.StatusCode, attempt + 1, backoff.TotalMilliseconds);
                await Task.Delay(backoff, cancellationToken);
                backoff *= 2;
            }
            catch (RpcException ex) when (ex.StatusCode is StatusCode.Unauthenticated or StatusCode.PermissionDenied)
            {
                throw new RagException(RagErrorKind.Misconfigured,
                    $"Qdrant at {options.Url} refused the credentials ({what}: {ex.Status.Detail}); set Store:Qdrant:ApiKey.", ex);
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.InvalidArgument)
            {
                throw new RagException(RagErrorKind.InvalidInput, $"Qdrant refused {what}: {ex.Status.Detail}", ex);
            }
            catch (RpcException ex) when (ex.StatusCode != StatusCode.NotFound)
            {
                throw new RagException(RagErrorKind.Unavailable, $"Qdrant at {options.Url} failed {what}: {ex.StatusCode}, {ex.Status.Detail}", ex);
            }
        }
    }
}
