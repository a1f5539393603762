using System.Runtime.Intrinsics.X86;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RagSystem.Storage;
using RagSystem.Storage.Sqlite;
using RagSystem.Testing;
using static RagSystem.Core.Tests.Storage.StoreSamples;

namespace RagSystem.Core.Tests.Storage;

/// <summary>The SQLite store's int8 dense index: candidates from the int8 scan, re-scored exactly from the float32 blobs.</summary>
public sealed class DenseQuantizationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void The_avx2_int8_kernel_equals_the_scalar_reference_at_every_length()
    {
        if (!Avx2.IsSupported) Assert.Skip("This CPU has no AVX2; the scalar kernel is the one in use.");
        var random = new Random(5);
        foreach (var length in new[] { 1, 15, 16, 17, 31, 32, 33, 48, 384, 391, 768 })
        {
            var row = Enumerable.Range(0, length).Select(_ => (sbyte)random.Next(-127, 128)).ToArray();
            var query = Enumerable.Range(0, length).Select(_ => (short)random.Next(-16_383, 16_384)).ToArray();
            Assert.Equal(Int8VectorCodec.DotScalar(row, query), Int8VectorCodec.DotAvx2(row, query));
        }
    }

    [Fact]
    public void Quantized_codes_approximate_the_cosine_within_the_rounding_bound()
    {
        var vectors = new ClusteredVectors(384, 8, 0.8f, 1);
        var codes = new sbyte[384];
        var queryCodes = new short[384];
        for (var i = 0; i < 50; i++)
        {
            float[] a = vectors.Next(), b = vectors.Next();
            var rowScale = Int8VectorCodec.Quantize(a, codes);
            var approx = Score(codes, rowScale, b, queryCodes);
            // Rounding errors are uniform within ±½ step (step = max|a| ÷ 127 ≈ 0.002 here), so against a unit b the cosine
            // is off by about step ÷ √12 ≈ 6e-4; 0.005 is many of those, and far below what an unscaled cast would give.
            Assert.InRange(approx - ClusteredVectors.Cosine(a, b), -0.005f, 0.005f);
        }
    }

    [Theory]
    [InlineData(384)]
    [InlineData(1_536)]
    [InlineData(4_096)]
    public void The_integer_dot_product_cannot_overflow_even_when_every_component_is_at_full_scale(int dimension)
    {
        // All components of equal magnitude put every row code at ±127 and every query code at the limit: the worst case.
        var vector = Enumerable.Range(0, dimension).Select(i => (i % 3 == 0 ? -1f : 1f) / MathF.Sqrt(dimension)).ToArray();
        var codes = new sbyte[dimension];
        var queryCodes = new short[dimension];
        var cosine = Score(codes, Int8VectorCodec.Quantize(vector, codes), vector, queryCodes);
        Assert.InRange(cosine, 0.999f, 1.001f);
    }

    [Fact]
    public async Task Quantized_search_finds_the_exact_top_10_on_clustered_vectors_and_returns_exact_scores()
    {
        using var dir = new TempDirectory();
        using var store = await OpenAsync(dir.Path, new SqliteStoreOptions { DenseQuantization = DenseQuantization.Int8, DenseSearchThreads = 2 });
        var (vectors, queries) = await WriteClusteredAsync(store, documents: 20, perDocument: 1_000, queryCount: 100);

        var found = 0;
        foreach (var query in queries)
        {
            var exact = vectors.Select(p => (Id: p.Key, Score: ClusteredVectors.Cosine(p.Value, query)))
                .OrderByDescending(p => p.Score).Take(10).Select(p => p.Id).ToHashSet();
            var hits = await store.SearchAsync(SearchRequest.Dense(query, 10), Ct);
            Assert.Equal(10, hits.Count);
            found += hits.Count(h => exact.Contains(h.Chunk.Id));
            // The scores are the float32 cosines, not the int8 estimates (those are off by up to ~1e-2).
            foreach (var hit in hits) Assert.InRange(hit.Score - ClusteredVectors.Cosine(vectors[hit.Chunk.Id], query), -2e-6f, 2e-6f);
            Assert.True(hits.Zip(hits.Skip(1)).All(p => p.First.Score >= p.Second.Score));
        }
        Assert.True(store.DenseIndexQuantized);
        var recall = found / (10.0 * queries.Count);
        Assert.True(recall >= 0.99, $"recall@10 {recall:F3}");

        // A filter applies before the int8 scan: the candidates, and so the results, all come from the allowed document.
        var allowed = DocumentIds.ForPath("doc3.txt");
        var filtered = await store.SearchAsync(SearchRequest.Dense(queries[0], 10, new SearchFilter(DocumentIds: [allowed])), Ct);
        Assert.Equal(10, filtered.Count);
        Assert.All(filtered, h => Assert.Equal(allowed, h.Chunk.DocumentId));
    }

    [Fact]
    public async Task Writes_apply_incrementally_to_a_quantized_index_and_rank_as_a_fresh_load_does()
    {
        using var dir = new TempDirectory();
        var options = new SqliteStoreOptions { DenseQuantization = DenseQuantization.Int8 };
        using var store = await OpenAsync(dir.Path, options);
        var vectors = new ClusteredVectors(32, 4, 0.5f, 3);
        async Task Write(string path, string hash, int chunks)
        {
            var doc = Document(path, hash, chunks);
            await store.UpsertDocumentAsync(doc, Enumerable.Range(0, chunks).Select(i => Chunk(doc, i, $"{path} {i}", vectors.Next())).ToList(), Ct);
        }
        for (var d = 0; d < 10; d++) await Write($"d{d}.md", "v1", 5);
        var query = vectors.Next();
        await store.SearchAsync(SearchRequest.Dense(query, 5), Ct);
        Assert.True(store.DenseIndexQuantized);

        await Write("d3.md", "v2", 7);                       // replaced: 5 rows tombstoned, 7 appended
        Assert.True(await store.DeleteDocumentAsync(DocumentIds.ForPath("d9.md"), Ct));
        await Write("d9.md", "v3", 2);                       // the deleted rowids are reused by new rows
        await Write("new.md", "v1", 3);
        var incremental = await store.SearchAsync(SearchRequest.Dense(query, 60), Ct);

        Assert.Equal(1, store.DenseIndexLoads);
        using var exact = await OpenAsync(dir.Path, new SqliteStoreOptions { DenseQuantization = DenseQuantization.Off });
        var reference = await exact.SearchAsync(SearchRequest.Dense(query, 60), Ct);
        Assert.False(exact.DenseIndexQuantized);
        Assert.Equal(50 - 5 + 7 - 5 + 2 + 3, incremental.Count);
        Assert.Equal(reference.Select(h => h.Chunk.Id), incremental.Select(h => h.Chunk.Id));
        Assert.Equal(reference.Select(h => h.Score), incremental.Select(h => h.Score));
        Assert.DoesNotContain(incremental, h => h.DocumentPath == "d9.md" && h.Chunk.Ordinal >= 2);
        Assert.Equal(7, incremental.Count(h => h.DocumentPath == "d3.md"));
    }

    [Fact]
    public async Task Auto_mode_stays_float32_up_to_the_threshold_and_switches_to_int8_past_it_without_a_reload()
    {
        using var dir = new TempDirectory();
        using var store = await OpenAsync(dir.Path, new SqliteStoreOptions { QuantizeAboveChunks = 40 });
        var vectors = new ClusteredVectors(16, 3, 0.5f, 9);
        async Task Write(string path, int chunks)
        {
            var doc = Document(path, "h", chunks);
            await store.UpsertDocumentAsync(doc, Enumerable.Range(0, chunks).Select(i => Chunk(doc, i, "x", vectors.Next())).ToList(), Ct);
        }
        await Write("a.md", 40);
        var query = vectors.Next();
        await store.SearchAsync(SearchRequest.Dense(query, 3), Ct);
        Assert.False(store.DenseIndexQuantized);

        await Write("b.md", 1);
        var hits = await store.SearchAsync(SearchRequest.Dense(query, 41), Ct);
        Assert.True(store.DenseIndexQuantized);
        Assert.Equal(1, store.DenseIndexLoads);
        Assert.Equal(41, hits.Count);

        // A store opened on the same 41 vectors quantizes while loading.
        using var reopened = await OpenAsync(dir.Path, new SqliteStoreOptions { QuantizeAboveChunks = 40 });
        Assert.Equal(hits.Select(h => h.Chunk.Id), (await reopened.SearchAsync(SearchRequest.Dense(query, 41), Ct)).Select(h => h.Chunk.Id));
        Assert.True(reopened.DenseIndexQuantized);
        using var larger = await OpenAsync(dir.Path, new SqliteStoreOptions { QuantizeAboveChunks = 41 });
        await larger.SearchAsync(SearchRequest.Dense(query, 1), Ct);
        Assert.False(larger.DenseIndexQuantized);
    }

    [Theory]
    [InlineData("Store:Sqlite:QuantizeAboveChunks", "-1")]
    [InlineData("Store:Sqlite:QuantizedOversampling", "0")]
    [InlineData("Store:Sqlite:QuantizedOversampling", "101")]
    public void Quantization_settings_out_of_range_fail_with_the_key_named(string key, string value)
    {
        var error = Assert.Throws<RagConfigurationException>(() => Bind((key, value)).GetRequiredService<RagOptions>());
        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Quantization_settings_bind_from_configuration_with_documented_defaults()
    {
        var defaults = Bind().GetRequiredService<RagOptions>().Store.Sqlite;
        Assert.Equal((DenseQuantization.Auto, 250_000, 4), (defaults.DenseQuantization, defaults.QuantizeAboveChunks, defaults.QuantizedOversampling));
        var set = Bind(("Store:Sqlite:DenseQuantization", "int8"), ("Store:Sqlite:QuantizedOversampling", "8")).GetRequiredService<RagOptions>().Store.Sqlite;
        Assert.Equal((DenseQuantization.Int8, 8, 0), (set.DenseQuantization, set.QuantizedOversampling, set.QuantizeAboveRows));
        Assert.Equal(int.MaxValue, new SqliteStoreOptions { DenseQuantization = DenseQuantization.Off }.QuantizeAboveRows);
    }

    private static ServiceProvider Bind(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build();
        var services = new ServiceCollection();
        services.AddRagSystem(configuration, o => o.DataDirectory = Path.GetTempPath());
        return services.BuildServiceProvider();
    }

    private static float Score(sbyte[] codes, float rowScale, float[] query, short[] queryCodes)
    {
        var queryScale = Int8VectorCodec.QuantizeQuery(query, queryCodes);
        return Int8VectorCodec.Dot(codes, queryCodes) * rowScale * queryScale;
    }

    private static async Task<(Dictionary<Guid, float[]> Vectors, List<float[]> Queries)> WriteClusteredAsync(SqliteChunkStore store, int documents, int perDocument, int queryCount)
    {
        var source = new ClusteredVectors(64, 40, 1.0f, 7);
        var vectors = new Dictionary<Guid, float[]>();
        for (var d = 0; d < documents; d++)
        {
            var doc = Document($"doc{d}.txt", chunkCount: perDocument);
            var chunks = Enumerable.Range(0, perDocument).Select(i => Chunk(doc, i, "x", source.Next())).ToList();
            foreach (var c in chunks) vectors[c.Id] = c.Vector!;
            await store.UpsertDocumentAsync(doc, chunks, Ct);
        }
        return (vectors, Enumerable.Range(0, queryCount).Select(_ => source.Next()).ToList());
    }
}
