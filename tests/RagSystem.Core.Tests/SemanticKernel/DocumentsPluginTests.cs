using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;
using RagSystem.Core.Tests.Answering;
using RagSystem.Retrieval;
using RagSystem.SemanticKernel;

namespace RagSystem.Core.Tests.SemanticKernel;

public sealed class DocumentsPluginTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Kernel_invokes_search_documents_and_gets_the_retrievers_passages_with_sources()
    {
        var retriever = new InMemoryRetriever(TestChunks.Corpus());
        var chat = new FakeChatClient("unused");
        var kernel = Kernel.CreateBuilder().AddRagDocuments(retriever, chat).Build();

        var result = await kernel.InvokeAsync("documents", "search_documents",
            new KernelArguments { ["query"] = "attention heads keys values", ["top"] = 2 }, Ct);

        var hits = result.GetValue<IReadOnlyList<DocumentSearchHit>>();
        Assert.NotNull(hits);
        Assert.Equal(2, hits.Count);
        Assert.Equal("papers/attention.pdf", hits[0].Source);
        Assert.Equal(7, hits[0].Page);
        Assert.Equal(1, hits[0].N);
        Assert.StartsWith("Multi-head attention", hits[0].Text);
        Assert.Equal("guides/kv-cache.md", hits[1].Source);
        Assert.Equal("Decoding > KV cache", hits[1].Heading);
        var call = Assert.Single(retriever.Calls);
        Assert.Equal(2, call.Options.Top);
        Assert.Same(chat, kernel.GetRequiredService<IChatClient>());
    }

    [Fact]
    public void The_function_advertises_its_name_description_and_parameters_to_agents()
    {
        var kernel = Kernel.CreateBuilder().AddRagDocuments(new InMemoryRetriever([])).Build();
        var function = kernel.Plugins.GetFunction("documents", "search_documents");
        Assert.Contains("passages", function.Description);
        Assert.Equal(["query", "top"], function.Metadata.Parameters.Select(p => p.Name));
        Assert.True(function.Metadata.Parameters[0].IsRequired);
    }

    [Fact]
    public async Task The_plugin_can_take_its_retriever_from_the_kernel_services()
    {
        var builder = Kernel.CreateBuilder();
        builder.Services.AddSingleton<IRetriever>(new InMemoryRetriever(TestChunks.Corpus()));
        var kernel = builder.AddRagDocuments().Build();

        var result = await kernel.InvokeAsync("documents", "search_documents", new KernelArguments { ["query"] = "tomatoes sunlight" }, Ct);

        var hit = Assert.Single(result.GetValue<IReadOnlyList<DocumentSearchHit>>()!);
        Assert.Equal("notes/gardening.txt", hit.Source);
    }
}
