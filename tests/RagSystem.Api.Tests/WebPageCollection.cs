namespace RagSystem.Api.Tests;

/// <summary>The browser test classes share one <see cref="WebPageHost"/> (one service and one chromium), since each costs
/// seconds to start on a small machine; they run one after the other.</summary>
[CollectionDefinition(Name)]
public sealed class WebPageCollection : ICollectionFixture<WebPageHost>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Web page";
}
