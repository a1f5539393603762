using System.Text.Json;
using RagSystem.Testing;

namespace RagSystem.IntegrationTests.Answering;

/// <summary>The corpus questions find the file that answers them, through <c>rag search --json</c> (lexical: no models).</summary>
public sealed class CorpusQuestionsTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Each_question_retrieves_its_answer_file_in_the_top_three()
    {
        using var data = new TempDirectory();
        var ingest = await RagProcess.RunAsync(["ingest", RepositoryRoot.Corpus, "--data", data.Path, "--json"]);
        Assert.True(ingest.ExitCode == 0, ingest.ToString());
        var lines = File.ReadAllLines(Path.Combine(RepositoryRoot.Corpus, "questions.jsonl"));
        var hits = 0;
        foreach (var line in lines)
        {
            var q = JsonDocument.Parse(line).RootElement;
            var run = await RagProcess.RunAsync(["search", q.GetProperty("question").GetString()!, "--data", data.Path, "--top", "3", "--json"]);
            Assert.True(run.ExitCode == 0, run.ToString());
            var sources = JsonDocument.Parse(run.StandardOutput).RootElement.EnumerateArray().Select(r => r.GetProperty("source").GetString()).ToList();
            var found = sources.Contains(q.GetProperty("answer_file").GetString());
            if (found) hits++;
            else output.WriteLine($"miss: {q.GetProperty("question")} -> {string.Join(", ", sources)}");
        }
        output.WriteLine($"{hits}/{lines.Length} questions retrieve their answer file in the top 3");
        Assert.True(hits >= lines.Length - 1, $"only {hits}/{lines.Length} questions found their answer file");
    }
}
