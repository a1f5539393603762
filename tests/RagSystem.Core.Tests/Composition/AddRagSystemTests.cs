using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RagSystem.Answering;
using RagSystem.Ingestion;
using RagSystem.Retrieval;
using RagSystem.Storage;
using RagSystem.Testing;

namespace RagSystem.Core.Tests.Composition;

public sealed class AddRagSystemTests
{
    private static ServiceProvider Build(string data, params (string Key, string? Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        var services = new ServiceCollection();
        services.AddRagSystem(configuration, o =>
        {
            o.DataDirectory = data;
            o.ModelsDirectory = Path.Combine(data, "no-models");
        });
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task The_default_store_is_sqlite_under_the_data_folder_and_creating_it_touches_no_file()
    {
        using var data = new TempDirectory();
        await using var provider = Build(Path.Combine(data.Path, "index"));
        var store = Assert.IsType<SqliteChunkStore>(provider.GetRequiredService<IChunkStore>());
        Assert.False(Directory.Exists(Path.Combine(data.Path, "index")));
        Assert.Equal(0, (await store.StatsAsync(TestContext.Current.CancellationToken)).Documents);
        Assert.True(File.Exists(Path.Combine(data.Path, "index", "rag.db")));
    }

    [Fact]
    public async Task An_unknown_store_kind_is_one_configuration_error_naming_the_known_kinds()
    {
        using var data = new TempDirectory();
        await using var provider = Build(data.Path, ("Store:Kind", "mongo"));
        var error = Assert.Throws<RagConfigurationException>(() => provider.GetRequiredService<IChunkStore>());
        Assert.Contains("'mongo'", error.Message, StringComparison.Ordinal);
        Assert.Contains("sqlite", error.Message, StringComparison.Ordinal);
        Assert.Equal(RagErrorKind.Misconfigured, error.ErrorKind);
    }

    [Fact]
    public async Task Qdrant_without_its_package_registered_says_so()
    {
        using var data = new TempDirectory();
        await using var provider = Build(data.Path, ("Store:Kind", "qdrant"));
        var error = Assert.Throws<RagConfigurationException>(() => provider.GetRequiredService<IChunkStore>());
        Assert.Contains("RagSystem.Qdrant", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_registered_store_kind_is_chosen_by_configuration()
    {
        using var data = new TempDirectory();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new("Store:Kind", "Second")]).Build();
        var services = new ServiceCollection();
        var second = SqliteChunkStore.Create(Path.Combine(data.Path, "second.db"));
        services.AddRagSystem(configuration, o => o.DataDirectory = data.Path).AddStore("second", _ => second);
        await using var provider = services.BuildServiceProvider();
        Assert.Same(second, provider.GetRequiredService<IChunkStore>());
    }

    [Fact]
    public async Task Out_of_range_settings_fail_on_first_use_with_the_key_named()
    {
        using var data = new TempDirectory();
        await using var provider = Build(data.Path, ("Retrieval:Top", "0"));
        var error = Assert.Throws<RagConfigurationException>(() => provider.GetRequiredService<RagOptions>());
        Assert.Contains("Retrieval:Top", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_word_where_a_number_belongs_is_a_configuration_error()
    {
        using var data = new TempDirectory();
        await using var provider = Build(data.Path, ("Chunking:MaxTokens", "many"));
        var error = Assert.Throws<RagConfigurationException>(() => provider.GetRequiredService<RagOptions>());
        Assert.Contains("MaxTokens", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Singletons_are_shared_and_models_are_opened_once_under_concurrent_first_use()
    {
        using var data = new TempDirectory();
        await using var provider = Build(data.Path);
        var answerers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => provider.GetRequiredService<Answerer>())));
        Assert.All(answerers, a => Assert.Same(answerers[0], a));
        var models = provider.GetRequiredService<RagModels>();
        var chats = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => models.ChatClient)));
        Assert.All(chats, Assert.Null);
        // One notice per missing model, however many callers raced for it.
        Assert.Single(models.Notices, n => n.Contains("answers are extractive", StringComparison.Ordinal));
        Assert.Single(models.Notices, n => n.Contains("lexical search only", StringComparison.Ordinal));
        Assert.Same(provider.GetRequiredService<IRetriever>(), provider.GetRequiredService<HybridRetriever>());
    }

    [Fact]
    public async Task Ingestion_and_answering_work_through_the_container()
    {
        using var data = new TempDirectory();
        using var docs = new TempDirectory();
        docs.WriteFile("a.md", "# Attention\n\nAttention weights decide which tokens matter for the next token.");
        await using var provider = Build(data.Path);
        var ct = TestContext.Current.CancellationToken;
        var report = await provider.GetRequiredService<IngestionPipeline>().SyncFolderAsync(docs.Path, cancellationToken: ct);
        Assert.Equal(1, report.Added);
        var answer = await provider.GetRequiredService<Answerer>().AskAsync("What decides which tokens matter?", new AskOptions(), ct);
        Assert.Equal(AnswerMode.Extractive, answer.Mode);
        Assert.Contains(answer.Citations, c => c.Source == "a.md");
    }

    [Fact]
    public void Request_settings_are_immutable_records_derived_with_with()
    {
        var shared = new RetrievalOptions();
        var mine = shared with { Top = 3 };
        Assert.Equal(8, shared.Top);
        Assert.Equal(3, mine.Top);
        Assert.Contains(typeof(RetrievalOptions).GetProperty(nameof(RetrievalOptions.Top))!.SetMethod!.ReturnParameter.GetRequiredCustomModifiers(),
            m => m.Name == "IsExternalInit");
    }
}
