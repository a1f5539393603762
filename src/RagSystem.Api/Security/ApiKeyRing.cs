using System.Security.Cryptography;
using System.Text;

namespace RagSystem.Api.Security;

/// <summary>The configured API keys, parsed from <c>Rag:Api:Keys</c> and <c>RAG_API_KEYS</c> (<c>key:ro,key2:rw</c>).
/// Keys are matched through their SHA-256 with a constant-time comparison against every key, so neither the time taken nor
/// an early exit tells an attacker how much of a guess was right.</summary>
public sealed class ApiKeyRing
{
    private readonly IReadOnlyList<ApiKey> _keys;

    /// <summary>Parses the keys.</summary>
    /// <param name="entries">Entries as <c>key</c>, <c>key:ro</c> or <c>key:rw</c>.</param>
    /// <exception cref="RagConfigurationException">An entry is empty or has an unknown access suffix.</exception>
    public ApiKeyRing(IEnumerable<string> entries)
    {
        var keys = new List<ApiKey>();
        foreach (var raw in entries.Select(e => e.Trim()).Where(e => e.Length > 0))
        {
            var colon = raw.LastIndexOf(':');
            var (text, suffix) = colon > 0 ? (raw[..colon], raw[(colon + 1)..].ToLowerInvariant()) : (raw, "rw");
            var access = suffix switch
            {
                "ro" => ApiAccess.ReadOnly,
                "rw" => ApiAccess.ReadWrite,
                _ => throw new RagConfigurationException($"API key #{keys.Count + 1} ends in ':{suffix}'; use ':ro' (query and search) or ':rw' (everything)."),
            };
            if (text.Length < 8) throw new RagConfigurationException($"API key #{keys.Count + 1} is shorter than 8 characters; use a long random key.");
            keys.Add(new ApiKey(SHA256.HashData(Encoding.UTF8.GetBytes(text)), access, $"key#{keys.Count + 1}"));
        }
        _keys = keys;
    }

    /// <summary>True when at least one key is configured, so every request but health checks needs one.</summary>
    public bool IsEnabled => _keys.Count > 0;

    /// <summary>Number of keys.</summary>
    public int Count => _keys.Count;

    /// <summary>The key matching <paramref name="presented"/>, or null.</summary>
    public ApiKey? Find(string presented)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        ApiKey? match = null;
        // Every key is compared, whatever matched first, so the loop's duration does not depend on which key it is.
        foreach (var key in _keys)
        {
            if (CryptographicOperations.FixedTimeEquals(hash, key.Hash)) match ??= key;
        }
        return match;
    }

    /// <summary>Reads the keys from the options and the <c>RAG_API_KEYS</c> variable.</summary>
    public static ApiKeyRing From(ApiOptions options, string? environmentKeys) =>
        new([.. options.Keys, .. (environmentKeys ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)]);
}
