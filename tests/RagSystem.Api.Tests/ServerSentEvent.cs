using System.Text;

namespace RagSystem.Api.Tests;

/// <summary>One parsed Server-Sent Event.</summary>
/// <param name="Name">The <c>event:</c> field, or null for unnamed events.</param>
/// <param name="Data">The <c>data:</c> lines joined with newlines.</param>
public sealed record ServerSentEvent(string? Name, string Data)
{
    /// <summary>Reads a stream to its end and parses it event by event, per the SSE format: fields up to a blank line.</summary>
    public static async Task<IReadOnlyList<ServerSentEvent>> ReadAllAsync(Stream stream, CancellationToken ct)
    {
        var events = new List<ServerSentEvent>();
        using var reader = new StreamReader(stream, Encoding.UTF8);
        string? name = null;
        var data = new StringBuilder();
        var hasData = false;
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            if (line.Length == 0)
            {
                if (hasData) events.Add(new ServerSentEvent(name, data.ToString()));
                name = null;
                data.Clear();
                hasData = false;
            }
            else if (line.StartsWith("event:", StringComparison.Ordinal)) name = line[6..].Trim();
            else if (line.StartsWith("data:", StringComparison.Ordinal))
            {
                if (hasData) data.Append('\n');
                data.Append(line[5..].TrimStart());
                hasData = true;
            }
        }
        return events;
    }
}
