namespace RagSystem.Api.Endpoints;

/// <summary>Checks <c>offset</c>/<c>limit</c> query parameters: offset ≥ 0, 1 ≤ limit ≤ 500 (default 50).</summary>
internal static class Paging
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;

    public static (int Offset, int Limit) Check(int? offset, int? limit)
    {
        var o = offset ?? 0;
        var l = limit ?? DefaultLimit;
        if (o < 0) throw new RagException(RagErrorKind.InvalidInput, $"offset is {o}; it must be 0 or more.");
        if (l < 1 || l > MaxLimit) throw new RagException(RagErrorKind.InvalidInput, $"limit is {l}; it must be between 1 and {MaxLimit}.");
        return (o, l);
    }
}
