namespace RagSystem.Api.Contracts;

/// <summary>One page of a list.</summary>
/// <typeparam name="T">The item type.</typeparam>
/// <param name="Items">This page's items.</param>
/// <param name="Offset">Index of the first item.</param>
/// <param name="Limit">Page size asked for.</param>
/// <param name="Total">Items in the whole list.</param>
public sealed record PageJson<T>(IReadOnlyList<T> Items, int Offset, int Limit, int Total);
