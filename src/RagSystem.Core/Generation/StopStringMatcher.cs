namespace RagSystem.Generation;

/// <summary>Watches streamed text for stop strings. Text that might be the start of a stop string is held back until
/// it is known not to be one, so a stop string is never emitted, not even in part.</summary>
public sealed class StopStringMatcher
{
    private readonly string[] _stops;
    private string _pending = string.Empty;

    /// <summary>Creates a matcher; empty strings are ignored.</summary>
    public StopStringMatcher(IEnumerable<string> stopStrings) =>
        _stops = stopStrings.Where(s => !string.IsNullOrEmpty(s)).Distinct(StringComparer.Ordinal).ToArray();

    /// <summary>True once a stop string was seen; later input is ignored.</summary>
    public bool Stopped { get; private set; }

    /// <summary>Adds text and returns what can be emitted now.</summary>
    public string Push(string text)
    {
        if (Stopped || text.Length == 0) return string.Empty;
        _pending += text;
        var cut = -1;
        foreach (var stop in _stops)
        {
            var at = _pending.IndexOf(stop, StringComparison.Ordinal);
            if (at >= 0 && (cut < 0 || at < cut)) cut = at;
        }
        if (cut >= 0)
        {
            Stopped = true;
            var before = _pending[..cut];
            _pending = string.Empty;
            return before;
        }
        var hold = LongestStopPrefixAtEnd();
        var ready = _pending[..^hold];
        _pending = _pending[^hold..];
        return ready;
    }

    /// <summary>Returns the held-back text at the end of generation.</summary>
    public string Flush()
    {
        var rest = Stopped ? string.Empty : _pending;
        _pending = string.Empty;
        return rest;
    }

    private int LongestStopPrefixAtEnd()
    {
        var best = 0;
        foreach (var stop in _stops)
        {
            for (var len = Math.Min(stop.Length - 1, _pending.Length); len > best; len--)
            {
                if (_pending.AsSpan(_pending.Length - len).SequenceEqual(stop.AsSpan(0, len)))
                {
                    best = len;
                    break;
                }
            }
        }
        return best;
    }
}
